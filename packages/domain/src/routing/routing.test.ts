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

  it("sends viewers of a show fed from an encoder (no WebRTC program) to HLS under the threshold", () => {
    expect(chooseViewerRoute({ role: "viewer", webrtcViewers: 0, webrtcProgram: false, threshold: 50, edges })).toMatchObject({ mode: "hls" });
    expect(chooseViewerRoute({ role: "viewer", webrtcViewers: 0, webrtcProgram: true, threshold: 50, edges })).toEqual({ mode: "webrtc" });
  });

  it("gives hosts and admins WebRTC whatever the load", () => {
    expect(chooseViewerRoute({ role: "host", webrtcViewers: 999, threshold: 50, edges })).toEqual({ mode: "webrtc" });
    expect(chooseViewerRoute({ role: "admin", webrtcViewers: 999, threshold: 50, edges })).toEqual({ mode: "webrtc" });
  });
});

describe("decidePublish", () => {
  const now = new Date("2031-03-07T19:30:00Z");
  const soon = { startsAt: new Date("2031-03-07T20:00:00Z"), durationMinutes: 60 };
  const live = { id: "evt1", status: "live" };
  it("lets the media bridge publish a live show under its event id", () => {
    expect(decidePublish({ app: "ingest", secretMatches: true, eventById: live, eventByStreamKey: null, now })).toEqual({ action: "allow", eventId: "evt1" });
  });

  it("renames an OBS stream key to the event id, and an on-sale show goes live with it", () => {
    expect(decidePublish({ app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "evt2", status: "on_sale", ...soon }, now })).toEqual({
      action: "rename",
      eventId: "evt2",
      streamName: "evt2",
      opensShow: true,
    });
    expect(decidePublish({ app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "evt2", status: "live", ...soon }, now })).toMatchObject({
      action: "rename",
      opensShow: false,
    });
  });

  it("refuses an OBS stream key while the show is live from the studio, as a conflict, but lets the studio's bridge publish", () => {
    const studio = { id: "evt3", status: "live", liveSource: "studio", ...soon };
    expect(decidePublish({ app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: studio, now })).toEqual({
      action: "refuse",
      reason: expect.stringContaining("live from the studio"),
      conflict: true,
    });
    expect(decidePublish({ app: "ingest", secretMatches: true, eventById: studio, eventByStreamKey: null, now })).toEqual({ action: "allow", eventId: "evt3" });
  });

  it("refuses an OBS stream key outside the go-live window unless the show is already live", () => {
    const tomorrow = { startsAt: new Date("2031-03-08T20:00:00Z"), durationMinutes: 60 };
    const past = { startsAt: new Date("2031-03-07T10:00:00Z"), durationMinutes: 60 };
    const request = (status: string, schedule: typeof soon) => ({ app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "e", status, ...schedule }, now });
    expect(decidePublish(request("on_sale", tomorrow))).toMatchObject({ action: "refuse", reason: expect.stringContaining("go-live window") });
    expect(decidePublish(request("on_sale", past)).action).toBe("refuse");
    expect(decidePublish(request("live", past)).action).toBe("rename");
    expect(decidePublish({ ...request("on_sale", tomorrow), goLiveEarlyMs: 25 * 3600_000 }).action).toBe("rename");
  });

  it.each([
    ["a wrong secret for a real event id", { app: "ingest", secretMatches: false, eventById: live, eventByStreamKey: null, now }],
    ["a stream key of an ended show", { app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: { id: "e", status: "ended", ...soon }, now }],
    ["the secret for a draft show", { app: "ingest", secretMatches: true, eventById: { id: "e", status: "draft" }, eventByStreamKey: null, now }],
    ["another application", { app: "hls", secretMatches: true, eventById: live, eventByStreamKey: null, now }],
    ["an unknown name", { app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: null, now }],
  ])("refuses %s", (_label, request) => {
    expect(decidePublish(request).action).toBe("refuse");
  });
});

describe("chooseViewerRoute: ties, failover size and edge URLs", () => {
  const tied: EdgeCandidate[] = [
    { id: "e-c", status: "ready", baseUrl: "http://c", viewers: 10 },
    { id: "e-a", status: "ready", baseUrl: "http://a", viewers: 10 },
    { id: "e-b", status: "ready", baseUrl: "http://b", viewers: 10 },
    { id: "e-z", status: "ready", baseUrl: "http://z", viewers: 2 },
    { id: "e-empty", status: "ready", baseUrl: "", viewers: 0 },
  ];
  const hls = (input: Partial<Parameters<typeof chooseViewerRoute>[0]>) => {
    const route = chooseViewerRoute({ role: "viewer", webrtcViewers: 60, threshold: 50, edges: tied, ...input });
    if (route.mode !== "hls") throw new Error("expected hls");
    return [route.edge.id, ...route.alternatives.map((e) => e.id)];
  };

  it("breaks ties between equally loaded edges by id, whatever their order, and skips an edge with an empty URL", () => {
    expect(hls({ maxAlternatives: 5 })).toEqual(["e-z", "e-a", "e-b", "e-c"]);
    expect(hls({ maxAlternatives: 5, edges: [...tied].reverse() })).toEqual(["e-z", "e-a", "e-b", "e-c"]);
  });

  it("returns two failover edges by default, or as many as asked", () => {
    expect(hls({})).toEqual(["e-z", "e-a", "e-b"]);
    expect(hls({ maxAlternatives: 0 })).toEqual(["e-z"]);
    expect(hls({ maxAlternatives: 1 })).toEqual(["e-z", "e-a"]);
  });

  it("sends a newcomer to HLS above the threshold and with a threshold of 0", () => {
    expect(hls({ webrtcViewers: 51 })[0]).toBe("e-z");
    expect(hls({ webrtcViewers: 0, threshold: 0 })[0]).toBe("e-z");
  });
});

describe("decidePublish: reasons in the logs", () => {
  const now = new Date("2031-03-07T19:30:00Z");
  const soon = { startsAt: new Date("2031-03-07T20:00:00Z"), durationMinutes: 60 };
  const base = { app: "ingest", secretMatches: false, eventById: null, eventByStreamKey: null, now };

  it.each([
    [{ ...base, app: "hls" }, "unknown application hls"],
    [{ ...base, secretMatches: true, eventById: { id: "e", status: "draft" } }, "event is draft"],
    [{ ...base, eventByStreamKey: { id: "e", status: "cancelled", ...soon } }, "event is cancelled"],
    [{ ...base, secretMatches: true }, "no such event"],
    [base, "bad secret or stream key"],
    [
      { ...base, eventByStreamKey: { id: "e", status: "on_sale", ...soon }, now: new Date("2031-03-07T21:00:01Z") },
      "outside the go-live window 2031-03-07T19:00:00.000Z to 2031-03-07T21:00:00.000Z",
    ],
  ])("refuses %o: %s", (request, reason) => {
    expect(decidePublish(request)).toEqual({ action: "refuse", reason });
  });

  it("lets an encoder in on both edges of the go-live window", () => {
    for (const at of ["2031-03-07T19:00:00Z", "2031-03-07T21:00:00Z"]) {
      expect(decidePublish({ ...base, eventByStreamKey: { id: "e", status: "on_sale", ...soon }, now: new Date(at) })).toEqual({
        action: "rename",
        eventId: "e",
        streamName: "e",
        opensShow: true,
      });
    }
    expect(decidePublish({ ...base, eventByStreamKey: { id: "e", status: "live", liveSource: null, ...soon } })).toEqual({
      action: "rename",
      eventId: "e",
      streamName: "e",
      opensShow: false,
    });
  });

  it("answers a program-source conflict as a conflict", () => {
    expect(decidePublish({ ...base, eventByStreamKey: { id: "e", status: "live", liveSource: "studio", ...soon } })).toMatchObject({ action: "refuse", conflict: true });
    expect(decidePublish({ ...base, secretMatches: true, eventById: { id: "e", status: "live" } })).toEqual({ action: "allow", eventId: "e" });
  });
});
