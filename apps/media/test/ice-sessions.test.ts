/**
 * Trickle ICE across offers: a browser that starts a new offer (a new
 * RTCPeerConnection on the same socket) may still have candidates of the old
 * one on the way. They belong to another ICE session (another username
 * fragment, RFC 8839) and never reach the new WebRtcEndpoint; the new
 * offer's own candidates do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeKms, type FakeKms } from "@limelight/fake-kms";
import { type MediaApp } from "../src/app";
import { client, type ClientSocket, HOST_OFFER, request, seed, type Seed, startMedia, testEnv, token, VIEWER_OFFER } from "./fixtures";

let kms: FakeKms;
let s: Seed;
let app: MediaApp;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  kms = await startFakeKms();
  s = await seed(1);
  app = await startMedia(testEnv(s.dbUrl, [kms.url]));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
  await kms?.stop();
  await s?.db.$disconnect();
});

/** `offer` with its ICE username fragment replaced by `ufrag`. */
const withUfrag = (offer: string, ufrag: string) => offer.replaceAll("a=ice-ufrag:abcd", `a=ice-ufrag:${ufrag}`);

/** A host candidate line as Chromium writes it (with its `ufrag` attribute), and `usernameFragment` as RTCIceCandidate gives it. */
const candidate = (n: number, ufrag: string, withField: boolean) => ({
  candidate: `candidate:${n} 1 udp 2122260223 192.0.2.${n} ${50_000 + n} typ host generation 0 ufrag ${ufrag} network-id 1`,
  sdpMid: "0",
  sdpMLineIndex: 0,
  ...(withField ? { usernameFragment: ufrag } : {}),
});

/** The candidate lines the WebRtcEndpoint answering the offer with ICE username fragment `ufrag` was given. */
function remoteCandidatesOf(ufrag: string): string[] {
  const endpoint = kms.graph.ofType("WebRtcEndpoint").find((e) => e.state.remoteSdp?.includes(`a=ice-ufrag:${ufrag}\r\n`) || e.state.remoteSdp?.includes(`a=ice-ufrag:${ufrag}\n`));
  if (!endpoint) throw new Error(`no endpoint for ${ufrag}`);
  return endpoint.state.remoteCandidates.map((c) => c.candidate);
}

describe("ICE candidates of an earlier offer", () => {
  it("keep away from the endpoint of a newer offer of the same host, whose own candidates arrive", async () => {
    const host = await client(app.url, await token(s.eventId, s.hosts[0] as { id: string; name: string }, "host"));
    sockets.push(host);
    expect(await request(host, "host:publish", { sdpOffer: withUfrag(HOST_OFFER, "hostA") })).toMatchObject({ ok: true });
    expect(await request(host, "ice:candidate", { candidate: candidate(1, "hostA", true) })).toMatchObject({ ok: true });
    expect(remoteCandidatesOf("hostA")).toEqual([candidate(1, "hostA", true).candidate]);

    expect(await request(host, "host:publish", { sdpOffer: withUfrag(HOST_OFFER, "hostB") })).toMatchObject({ ok: true });
    // Late candidates of the first offer, by usernameFragment and by the line's own ufrag; then the new offer's.
    expect(await request(host, "ice:candidate", { candidate: candidate(2, "hostA", true) })).toMatchObject({ ok: true });
    expect(await request(host, "ice:candidate", { candidate: candidate(3, "hostA", false) })).toMatchObject({ ok: true });
    expect(await request(host, "ice:candidate", { candidate: candidate(4, "hostB", true) })).toMatchObject({ ok: true });
    expect(remoteCandidatesOf("hostB")).toEqual([candidate(4, "hostB", true).candidate]);
  });

  it("keep away from the endpoint of a viewer's newer offer", async () => {
    const viewer = await client(app.url, await token(s.eventId, s.viewers[0] as Seed["viewers"][0], "viewer"));
    sockets.push(viewer);
    expect(await request(viewer, "viewer:watch", { sdpOffer: withUfrag(VIEWER_OFFER, "viewA") })).toMatchObject({ ok: true });
    expect(await request(viewer, "viewer:watch", { sdpOffer: withUfrag(VIEWER_OFFER, "viewB") })).toMatchObject({ ok: true });
    expect(await request(viewer, "ice:candidate", { candidate: candidate(5, "viewA", true) })).toMatchObject({ ok: true });
    expect(await request(viewer, "ice:candidate", { candidate: candidate(6, "viewB", false) })).toMatchObject({ ok: true });
    expect(remoteCandidatesOf("viewB")).toEqual([candidate(6, "viewB", false).candidate]);
  });
});
