/**
 * Default renewal of a signed HLS source: asks the routing endpoint again,
 * keeping the HLS path (`{"mode":"hls"}`), and checks the answer's shape.
 */
import { z } from "zod";
import type { HlsSource } from "./signed-source";

const hlsRouteSchema = z.object({
  mode: z.literal("hls"),
  url: z.string().min(1),
  expiresAt: z.number(),
  edges: z.array(z.string()).default([]),
});

/** POSTs `{"mode":"hls"}` to `routingUrl` (e.g. `/api/watch/<eventId>`) and returns the new source. Rejects on HTTP errors or a malformed answer. */
export async function renewFromRoutingEndpoint(routingUrl: string): Promise<HlsSource> {
  if (!routingUrl) throw new Error("HlsPlayer needs renew or renewUrl");
  const response = await fetch(routingUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mode: "hls" }),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`renewal failed with HTTP ${response.status}`);
  const parsed = hlsRouteSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error("renewal answer is not an HLS route");
  return parsed.data;
}
