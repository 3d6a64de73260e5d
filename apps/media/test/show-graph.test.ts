/**
 * The media graph of a show, asserted in a fake KMS driven by the real
 * kurento-client through real socket.io clients: four hosts, an injected
 * video, viewers on one shared program HubPort, the RTP bridge; the fifth host
 * refused; a leaving host's objects released; show end releases the pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { waitFor } from "@limelight/testkit";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, next, request, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

describe("show media graph", () => {
  let kms: FakeKms;
  let app: MediaApp;
  let s: Seed;
  const sockets: ClientSocket[] = [];
  let hosts: ClientSocket[] = [];
  let fifth: ClientSocket;
  const open = async (t: Promise<string>) => {
    const socket = await client(app.url, await t);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    kms = await startFakeKms();
    s = await seed(3);
    app = await startMedia(testEnv(s.dbUrl, [kms.url], { PROGRAM_PUBLISH: "true", FFMPEG_PATH: "ffmpeg", PROGRAM_SDP_DIR: "/tmp/limelight-media-test" }));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.close();
    await kms?.stop();
    await s?.db.$disconnect();
  });

  it("mixes four hosts and a video into one program that viewers and the RTP bridge share", async () => {
    hosts = await Promise.all(s.hosts.slice(0, 4).map((h) => open(token(s.eventId, h, "host"))));
    const answers = [];
    for (const socket of hosts) answers.push(await request(socket, "host:publish", { sdpOffer: HOST_OFFER }));
    for (const ack of answers) {
      expect(ack).toMatchObject({ ok: true });
      if ("ok" in ack) expect(ack.sdpAnswer.startsWith("v=0")).toBe(true);
    }
    expect(answers.map((a) => ("ok" in a ? a.slot : -1)).sort()).toEqual([0, 1, 2, 3]);

    const video = await request(hosts[0] as ClientSocket, "video:add", { uri: "https://cdn.example.test/intro.mp4", title: "Intro" });
    expect(video).toMatchObject({ ok: true, video: { state: "stopped", title: "Intro" } });
    if (!("ok" in video)) throw new Error("video not added");
    expect(await request(hosts[0] as ClientSocket, "video:play", { videoId: video.video.id })).toMatchObject({ ok: true, video: { state: "playing" } });

    const viewers = await Promise.all(s.viewers.map((v) => open(token(s.eventId, v, "viewer"))));
    const candidate = next(viewers[0] as ClientSocket, "ice:candidate");
    for (const v of viewers) expect(await request(v, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ ok: true });
    expect((await candidate).candidate.candidate).toMatch(/^candidate:/);

    const pipelines = kms.graph.pipelines();
    expect(pipelines).toHaveLength(1);
    const p = (pipelines[0] as { id: string }).id;
    const composite = kms.graph.ofType("Composite", p);
    expect(composite).toHaveLength(1);
    const ports = kms.graph.ofType("HubPort", p);
    // 4 host ports + 1 video port + 1 shared program port
    expect(ports).toHaveLength(6);
    const endpoints = kms.graph.ofType("WebRtcEndpoint", p);
    expect(endpoints).toHaveLength(4 + s.viewers.length);
    const hostEndpoints = endpoints.filter((e) => !e.params.sendonly);
    for (const ep of hostEndpoints) {
      const port = kms.graph.connectionsFrom(ep.id, "VIDEO")[0]?.sink;
      expect(port && kms.graph.isConnected(port, ep.id, "VIDEO")).toBe(true);
    }
    const viewerEndpoints = endpoints.filter((e) => e.params.sendonly === true);
    expect(viewerEndpoints).toHaveLength(s.viewers.length);
    const feeding = new Set(viewerEndpoints.map((e) => kms.graph.connectionsTo(e.id, "VIDEO")[0]?.source));
    expect(feeding.size).toBe(1);
    const programPort = [...feeding][0] as string;
    const player = kms.graph.ofType("PlayerEndpoint", p);
    expect(player).toHaveLength(1);
    expect(player[0]?.params.uri).toBe("https://cdn.example.test/intro.mp4");
    const rtp = kms.graph.ofType("RtpEndpoint", p);
    expect(rtp).toHaveLength(1);
    expect(kms.graph.isConnected(programPort, (rtp[0] as { id: string }).id, "VIDEO")).toBe(true);
    expect(kms.graph.isConnected(programPort, (rtp[0] as { id: string }).id, "AUDIO")).toBe(true);

    const stats = await fetch(`${app.url}/internal/shows/${s.eventId}/stats`, { headers: { "x-internal-secret": "test-internal-secret-123" } });
    expect(await stats.json()).toEqual({ eventId: s.eventId, live: true, hosts: 4, webrtcViewers: s.viewers.length, injectedVideos: 1 });
    expect((await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status).toBe("live");

    fifth = await open(token(s.eventId, s.hosts[4] as { id: string; name: string }, "host"));
    expect(await request(fifth, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ error: { code: "HOSTS_FULL" } });
    expect(kms.graph.ofType("WebRtcEndpoint", p)).toHaveLength(4 + s.viewers.length);
  });

  it("refuses a performer who is not a host of the event", async () => {
    await expect(client(app.url, await token(s.eventId, s.outsider, "host"))).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it("disconnects a leaving host at once and releases its HubPort after the delay", async () => {
    const p = (kms.graph.pipelines()[0] as { id: string }).id;
    const leaving = hosts[0] as ClientSocket; // slot 0
    const before = kms.graph.ofType("WebRtcEndpoint", p).filter((e) => !e.params.sendonly);
    expect(await request(leaving, "host:leave", {})).toEqual({ ok: true });
    const after = kms.graph.ofType("WebRtcEndpoint", p).filter((e) => !e.params.sendonly);
    expect(after).toHaveLength(before.length - 1);
    await waitFor(() => kms.graph.ofType("HubPort", p).length === 5, 5_000, 20, "HubPort release");
    // The slot is free again: the fifth host gets in.
    expect(await request(fifth, "host:publish", { sdpOffer: HOST_OFFER })).toMatchObject({ ok: true, slot: 0 });
  });

  it("ends the show: every viewer is told, the pipeline is released and the event is ended", async () => {
    const viewer = sockets.find((x) => !hosts.includes(x) && x !== fifth) as ClientSocket;
    const ended = next(viewer, "show:ended");
    expect(await request(hosts[1] as ClientSocket, "show:end", {})).toEqual({ ok: true });
    expect((await ended).eventId).toBe(s.eventId);
    expect(kms.graph.pipelines()).toHaveLength(0);
    await waitFor(async () => (await s.db.event.findUniqueOrThrow({ where: { id: s.eventId } })).status === "ended", 5_000, 50, "event ended");
    expect(await request(viewer, "viewer:watch", { sdpOffer: VIEWER_OFFER })).toMatchObject({ error: { code: "EVENT_NOT_LIVE" } });
  });
});
