/**
 * Builds and releases the Kurento graph of a show: MediaPipeline (tagged with
 * the media node and the event), Composite, program HubPort, and the RTP
 * bridge to the origin. Nothing is left on the media server when building fails.
 */
import { type Logger } from "pino";
import { type ProgramPublisher } from "../program/program-publisher";
import { NODE_TAG } from "../kurento/kms-pool";
import { type ShowGraph } from "./show-state";
import { type MediaServerSource } from "./show-types";

/**
 * Acquires a media server and builds the graph of `eventId` on it. Throws
 * what the media server or the publisher threw (MediaServerError, AppError);
 * the half-built pipeline is released and the server handed back first.
 */
export async function buildShowGraph(input: { eventId: string; nodeId: string; servers: MediaServerSource; publisher: ProgramPublisher | null }): Promise<ShowGraph> {
  const { eventId, servers, publisher } = input;
  const server = await servers.acquire();
  let pipeline: ShowGraph["pipeline"] | null = null;
  try {
    pipeline = await server.createPipeline();
    // Tags are best-effort (some KMS builds and proxies refuse addTag): the server logs a refusal once.
    await server.tag(pipeline, NODE_TAG, input.nodeId);
    await server.tag(pipeline, "limelight-event", eventId);
    const composite = await server.createComposite(pipeline);
    const programPort = await server.createHubPort(composite);
    const bridge = publisher ? await publisher.start({ eventId, server, pipeline, programPort }) : null;
    return { server, pipeline, composite, programPort, bridge };
  } catch (error) {
    if (pipeline) await server.release(pipeline).catch(() => undefined);
    servers.releaseShow(server);
    throw error;
  }
}

/** Stops the bridge, releases the MediaPipeline (and every element in it) and hands the server back. Never throws (failures are logged). */
export async function releaseShowGraph(graph: ShowGraph, servers: MediaServerSource, log: Logger): Promise<void> {
  await graph.bridge?.stop().catch(() => undefined);
  await graph.server.release(graph.pipeline).catch((error: unknown) => log.warn({ err: error }, "pipeline release failed"));
  servers.releaseShow(graph.server);
}

/** Forgets a graph its media server already lost (no release possible): stops the bridge and hands the server back. */
export async function abandonShowGraph(graph: ShowGraph, servers: MediaServerSource): Promise<void> {
  await graph.bridge?.stop().catch(() => undefined);
  servers.releaseShow(graph.server);
}
