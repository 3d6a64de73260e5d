import { describe, expect, it } from "vitest";
import { chooseViewerRoute, type EdgeCandidate } from "./choose-viewer-route";
import { decidePublish } from "./decide-publish";

const edges: EdgeCandidate[] = [
  { id: "e-busy", status: "ready", baseUrl: "http://busy", viewers: 120 },
  { id: "e-idle", status: "ready", baseUrl: "http://idle", viewers: 3 },
  { id: "e-mid", status: "ready", baseUrl: "http://mid", viewers: 40 },
  { id: "e-boot", status: "booting", baseUrl: "http://boot", viewers: 0 },
  { id: "e-drain", status: "draining", baseUrl: "http://drain", viewers: 0 },
  { id: "e-nourl", status: "ready", baseUrl: null, viewers: 0 },
];

describe("chooseViewerRoute", () => {
  it("gives a newcomer WebRTC while the show is under the threshold", () => {
    expect(chooseViewerRoute({ role: "viewer", webrtcViewers: 49, threshold: 50, edges })).toEqual({ mode: "webrtc" });
  });

  it("sends a newcomer to the least-loaded ready edge at the threshold, with the others as failover", () => {
    const route = chooseViewerRoute({ role: "viewer", webrtcViewers: 50, threshold: 50, edges });
    expect(route).toMatchObject({ mode: "hls", edge: { id: "e-idle" } });
    if (route.mode !== "hls") throw new Error("expected hls");
    expect(route.alternatives.map((e) => e.id)).toEqual(["e-mid", "e-busy"]);
  });

  it("never picks an edge that is booting, draining or has no URL", () => {
    const route = chooseViewerRoute({ role: "viewer", webrtcViewers: 500, threshold: 50, edges: edges.slice(3) });
    expect(route).toEqual({ mode: "webrtc" });
  });

  it("keeps an HLS viewer on HLS when WebRTC slots free up", () => {
    expect(chooseViewerRoute({ role: "viewer", currentMode: "hls", webrtcViewers: 0, threshold: 50, edges })).toMatchObject({ mode: "hls", edge: { id: "e-idle" } });
  });

  it("keeps a reconnecting WebRTC viewer on WebRTC past the threshold", () => {
    expect(chooseViewerRoute({ role: "viewer", currentMode: "webrtc", webrtcViewers: 80, threshold: 50, edges })).toEqual({ mode: "webrtc" });
  });

  it("moves an HLS viewer to WebRTC when no edge is left", () => {
    expect(chooseViewerRoute({ role: "viewer", currentMode: "hls", webrtcViewers: 80, threshold: 50, edges: [] })).toEqual({ mode: "webrtc" });
  });

  it("prefers HLS when the WebRTC count is unknown and an edge is ready", () => {
    expect(chooseViewerRoute({ role: "viewer", webrtcViewers: null, threshold: 50, edges })).toMatchObject({ mode: "hls" });
  });

  it("gives hosts and admins WebRTC whatever the load", () => {
    expect(chooseViewerRoute({ role: "host", webrtcViewers: 999, threshold: 50, edges })).toEqual({ mode: "webrtc" });
    expect(chooseViewerRoute({ role: "admin", webrtcViewers: 999, threshold: 50, edges })).toEqual({ mode: "webrtc" });
  });
});

describe("decidePublish", () => {
  const live = { id: "evt1", status: "live" };
  it("lets the media bridge publish a live show under its event id", () => {
    expect(decidePublish({ app: "ingest", secretMatches: true, eventById: live, eventByStreamKey: null })).toEqual({ action: "allow", eventId: "evt1" });
  });

  it("renames an OBS stream key to the event id", () => {
    expect(decidePublish({ app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "evt2", status: "on_sale" } })).toEqual({
      action: "rename",
      eventId: "evt2",
      streamName: "evt2",
    });
  });

  it.each([
    ["a wrong secret for a real event id", { app: "ingest", secretMatches: false, eventById: live, eventByStreamKey: null }],
    ["a stream key of an ended show", { app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "e", status: "ended" } }],
    ["the secret for a draft show", { app: "ingest", secretMatches: true, eventById: { id: "e", status: "draft" }, eventByStreamKey: null }],
    ["another application", { app: "hls", secretMatches: true, eventById: live, eventByStreamKey: null }],
    ["an unknown name", { app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: null }],
  ])("refuses %s", (_label, request) => {
    expect(decidePublish(request).action).toBe("refuse");
  });
});
