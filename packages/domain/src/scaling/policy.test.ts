import { describe, expect, it } from "vitest";
import { defaultScalingConfig } from "./config";
import { type DemandSnapshot } from "./demand";
import { decideScaling, initialPolicyState, type FleetEdge } from "./policy";

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const config = { ...defaultScalingConfig, webrtcViewersPerShow: 0 };
const edge = (id: string, status: FleetEdge["status"], viewers = 0, extra: Partial<FleetEdge> = {}): FleetEdge => ({
  id,
  status,
  viewers,
  createdAt: NOW - 30 * MIN,
  drainStartedAt: status === "draining" ? NOW - MIN : null,
  ...extra,
});
const live = (viewers: number): DemandSnapshot => ({ shows: [], hlsViewersOnEdges: viewers });

describe("decideScaling", () => {
  it.each([
    { viewers: 0, edges: 0, create: 0 },
    { viewers: 1, edges: 0, create: 1 },
    { viewers: 100, edges: 0, create: 1 },
    { viewers: 101, edges: 0, create: 2 },
    { viewers: 250, edges: 1, create: 2 },
  ])("with $viewers viewers and $edges ready edges creates $create (100 per edge, no headroom by default)", ({ viewers, edges, create }) => {
    const fleet = Array.from({ length: edges }, (_, i) => edge(`e${i}`, "ready", viewers / Math.max(1, edges)));
    const decision = decideScaling(NOW, live(viewers), fleet, initialPolicyState, config);
    expect(decision.actions.create).toBe(create);
  });

  it("pre-warms for a show starting within the lead time from tickets sold", () => {
    const demand: DemandSnapshot = {
      shows: [{ eventId: "e", startsAt: NOW + 4 * MIN, status: "scheduled", ticketsSold: 250, webrtcViewers: 0, hlsViewers: 0 }],
      hlsViewersOnEdges: 0,
    };
    expect(decideScaling(NOW, demand, [], initialPolicyState, config).actions.create).toBe(3);
    // A series whose ticket holders show up at 60 % needs fewer edges.
    const learned = { ...demand, shows: demand.shows.map((s) => ({ ...s, showUpRate: 0.6 })) };
    expect(decideScaling(NOW, learned, [], initialPolicyState, config).actions.create).toBe(2);
    // A series whose audience arrives after the first boot: before the start only its first arrivals get an edge...
    const slowStart = { ...demand, shows: learned.shows.map((s) => ({ ...s, startShowUpRate: 0.1 })) };
    expect(decideScaling(NOW, slowStart, [], initialPolicyState, config).actions.create).toBe(1);
    // ...and from the start the whole show-up rate does (edges created then are ready a boot later).
    const started = { ...slowStart, shows: slowStart.shows.map((s) => ({ ...s, status: "live" as const, startsAt: NOW })) };
    expect(decideScaling(NOW, started, [], initialPolicyState, config).actions.create).toBe(2);
    const later = { ...demand, shows: demand.shows.map((s) => ({ ...s, startsAt: NOW + 60 * MIN })) };
    expect(decideScaling(NOW, later, [], initialPolicyState, config).actions.create).toBe(0);
  });

  it("keeps one edge while a replay can be watched, and scales with its viewers like any HLS show", () => {
    const replay = (hlsViewers: number): DemandSnapshot => ({
      shows: [{ eventId: "r", startsAt: NOW - 300 * MIN, status: "replay", ticketsSold: 900, webrtcViewers: 0, hlsViewers }],
      hlsViewersOnEdges: hlsViewers,
    });
    expect(decideScaling(NOW, replay(0), [], initialPolicyState, config).actions.create).toBe(1);
    expect(decideScaling(NOW, replay(0), [edge("a", "ready")], initialPolicyState, config).actions).toMatchObject({ create: 0, drain: [] });
    expect(decideScaling(NOW, replay(150), [edge("a", "ready", 150)], initialPolicyState, config).actions.create).toBe(1);
  });

  it("puts a draining edge back in service before creating a new one", () => {
    const fleet = [edge("a", "ready", 70), edge("b", "draining", 10)];
    const decision = decideScaling(NOW, live(150), fleet, initialPolicyState, config);
    expect(decision.actions.undrain).toEqual(["b"]);
    expect(decision.actions.create).toBe(0);
  });

  it("scales in only near the end of a paid hour, the least-loaded edge first, without deleting its viewers yet", () => {
    const hourEnds = { createdAt: NOW - 55 * MIN };
    const fleet = [edge("busy", "ready", 30, hourEnds), edge("quiet", "ready", 5, hourEnds)];
    const decision = decideScaling(NOW, live(35), fleet, initialPolicyState, config);
    expect(decision.reason).toBe("scale-in");
    expect(decision.actions.drain).toEqual(["quiet"]);
    expect(decision.actions.delete).toEqual([]);
    // The same fleet in the middle of its paid hour serves on for free.
    const midHour = [edge("busy", "ready", 30), edge("quiet", "ready", 5)];
    expect(decideScaling(NOW, live(35), midHour, initialPolicyState, config).actions.drain).toEqual([]);
  });

  it("without hourly billing (local edges) scales in the newest idle edge at once and keeps the first one", () => {
    const free = { ...config, hourlyBilling: false, minEdges: 1, scaleInCooldownMs: 0, stabilisationWindowMs: 0 };
    // The first edge's paid hour would end sooner: with nothing paid ahead that must not make it the one to go.
    const fleet = [edge("first", "ready", 0, { createdAt: NOW - 50 * MIN }), edge("extra", "ready", 0, { createdAt: NOW - 5 * MIN })];
    const decision = decideScaling(NOW, live(0), fleet, initialPolicyState, free);
    expect(decision.reason).toBe("scale-in");
    expect(decision.actions.drain).toEqual(["extra"]);
    expect(decision.actions.delete).toEqual(["extra"]);
    // The edge with fewer viewers goes first, whatever its age.
    const busyNew = [edge("first", "ready", 0, { createdAt: NOW - 50 * MIN }), edge("extra", "ready", 1, { createdAt: NOW - 5 * MIN })];
    expect(decideScaling(NOW, live(1), busyNew, initialPolicyState, { ...free, viewersPerEdge: 10 }).actions.drain).toEqual(["first"]);
  });

  it("deletes a draining edge when its paid hour ends or its maximum drain time has passed; an idle one waits for its hour", () => {
    const fleet = [
      edge("idle", "draining", 0),
      edge("watched", "draining", 3),
      edge("hour-ends", "draining", 3, { createdAt: NOW - 59.5 * MIN }),
      edge("expired", "draining", 3, { drainStartedAt: NOW - config.maxDrainMs }),
    ];
    const decision = decideScaling(NOW, live(6), [edge("r", "ready", 0), ...fleet], initialPolicyState, config);
    expect(decision.actions.delete.sort()).toEqual(["expired", "hour-ends"]);
    // Over the cap, an idle draining edge goes at once.
    const overCap = decideScaling(NOW, live(6), [edge("r", "ready", 0), ...fleet], initialPolicyState, { ...config, maxEdges: 2 });
    expect(overCap.actions.delete).toContain("idle");
  });

  it("does not scale in during the cooldown after a scale-out, nor below the window's peak need", () => {
    const hourEnds = { createdAt: NOW - 55 * MIN };
    const fleet = [edge("a", "ready", 5, hourEnds), edge("b", "ready", 5, hourEnds), edge("c", "ready", 5, hourEnds)];
    const afterOut = { ...initialPolicyState, lastScaleOutAt: NOW - MIN };
    expect(decideScaling(NOW, live(15), fleet, afterOut, config).actions.drain).toEqual([]);
    const recentPeak = { ...initialPolicyState, history: [{ at: NOW - 2 * MIN, needIn: 3 }] };
    expect(decideScaling(NOW, live(15), fleet, recentPeak, config).actions.drain).toEqual([]);
    const oldPeak = { ...initialPolicyState, history: [{ at: NOW - config.stabilisationWindowMs - MIN, needIn: 3 }] };
    expect(decideScaling(NOW, live(15), fleet, oldPeak, config).actions.drain).toHaveLength(1);
  });

  it("lets an edge go as its paid hour ends when the forecast no longer needs it, despite the stabilisation window; keeps it when the window saw a peak", () => {
    const hourEnding = { createdAt: NOW - 59.5 * MIN };
    const fleet = [edge("ending", "ready", 0, hourEnding), edge("paid", "ready", 0)];
    // The show just ended: the scale-in need was 2 a minute ago, nobody watches now.
    const justEnded = { ...initialPolicyState, history: [{ at: NOW - MIN, needIn: 2 }] };
    const ended = decideScaling(NOW, live(0), fleet, justEnded, config);
    expect(ended.reason).toBe("scale-in");
    expect(ended.actions.drain).toEqual(["ending"]);
    // Deleted in the same tick: another started hour is not bought.
    expect(ended.actions.delete).toEqual(["ending"]);
    // The edge with most of its hour still paid stays, ready for free.
    expect(ended.actions.drain).not.toContain("paid");
    // Oscillating demand: 150 viewers now, 180 four minutes ago (inside the forecast window): both edges stay.
    const peaked = { ...justEnded, samples: [{ at: NOW - 4 * MIN, viewers: 180, ceiling: 400 }] };
    expect(decideScaling(NOW, live(150), [edge("ending", "ready", 75, hourEnding), edge("paid", "ready", 75)], peaked, config).actions.drain).toEqual([]);
    // Nor right after a scale-out (the cooldown).
    const afterOut = { ...justEnded, lastScaleOutAt: NOW - MIN };
    expect(decideScaling(NOW, live(0), fleet, afterOut, config).actions.drain).toEqual([]);
  });

  it("deletes a failed edge and replaces it", () => {
    const decision = decideScaling(NOW, live(60), [edge("dead", "failed", 0)], initialPolicyState, config);
    expect(decision.actions.delete).toEqual(["dead"]);
    expect(decision.actions.create).toBe(1);
  });

  it("never creates past the hourly budget; draining edges count as billed", () => {
    const budget = { ...config, budgetCentsPerHour: 3 * config.hourlyCostCents };
    const decision = decideScaling(NOW, live(1000), [edge("a", "ready", 500), edge("d", "deleting", 0)], initialPolicyState, budget);
    expect(decision.actions.create).toBe(1);
    expect(decision.inputs.budgetLimited).toBe(true);
  });

  it("drains down to a lowered maximum at once", () => {
    const fleet = [edge("a", "ready", 50), edge("b", "ready", 40), edge("c", "ready", 10)];
    const decision = decideScaling(NOW, live(100), fleet, initialPolicyState, { ...config, maxEdges: 2 });
    expect(decision.reason).toBe("cap");
    expect(decision.actions.drain).toEqual(["c"]);
  });

  it("keeps WebRTC-only shows off the edges until the WebRTC side is full", () => {
    const cfg = { ...config, webrtcViewersPerShow: 50 };
    const show = { eventId: "e", startsAt: NOW - 60 * MIN, status: "live" as const, ticketsSold: 60, hlsViewers: 0 };
    expect(decideScaling(NOW, { shows: [{ ...show, webrtcViewers: 30 }], hlsViewersOnEdges: 0 }, [], initialPolicyState, cfg).actions.create).toBe(0);
    expect(decideScaling(NOW, { shows: [{ ...show, webrtcViewers: 50 }], hlsViewersOnEdges: 0 }, [], initialPolicyState, cfg).actions.create).toBe(1);
  });

  it("keeps an edge for a show fed from an encoder, and counts all its tickets as HLS viewers", () => {
    const cfg = { ...config, webrtcViewersPerShow: 50, viewersPerEdge: 100, headroom: 0 };
    const show = { eventId: "e", startsAt: NOW - 5 * MIN, status: "live" as const, webrtcViewers: 0, hlsViewers: 0, webrtcProgram: false };
    expect(decideScaling(NOW, { shows: [{ ...show, ticketsSold: 10 }], hlsViewersOnEdges: 0 }, [], initialPolicyState, cfg).actions.create).toBe(1);
    const rush = decideScaling(NOW, { shows: [{ ...show, ticketsSold: 250 }], hlsViewersOnEdges: 0 }, [], initialPolicyState, cfg);
    expect(rush.inputs.edgeViewers).toBe(250);
    expect(rush.actions.create).toBe(3);
  });

  it("pre-warms a second show on top of the HLS viewers the edges already carry for a live one", () => {
    const cfg = { ...config, webrtcViewersPerShow: 50 };
    const demand: DemandSnapshot = {
      shows: [
        { eventId: "a", startsAt: NOW - 90 * MIN, status: "live", ticketsSold: 250, webrtcViewers: 50, hlsViewers: 0 },
        { eventId: "b", startsAt: NOW + 4 * MIN, status: "scheduled", ticketsSold: 300, webrtcViewers: 0, hlsViewers: 0 },
      ],
      hlsViewersOnEdges: 200,
    };
    const decision = decideScaling(NOW, demand, [], initialPolicyState, cfg);
    expect(decision.inputs.edgeViewers).toBe(450);
    expect(decision.actions.create).toBe(5);
  });
});

describe("decideScaling: decisions at their boundaries", () => {
  it("reports a scale-out with the edges it wants and remembers when", () => {
    const decision = decideScaling(NOW, live(150), [edge("a", "ready", 75), edge("d", "draining", 75)], initialPolicyState, config);
    expect(decision).toMatchObject({ reason: "scale-out", desired: 2, actions: { create: 0, undrain: ["d"], drain: [], delete: [] } });
    expect(decision.state.lastScaleOutAt).toBe(NOW);
    expect(decision.inputs.budgetLimited).toBe(false);
    // 400 viewers at 100 per edge (no headroom by default): 4 edges, the draining one put back and 2 created.
    const more = decideScaling(NOW, live(400), [edge("a", "ready", 75), edge("d", "draining", 75)], initialPolicyState, config);
    expect(more).toMatchObject({ reason: "scale-out", desired: 4, actions: { create: 2, undrain: ["d"] } });
    // With 20 % headroom each edge is planned at 80 viewers: 5 edges.
    const roomy = decideScaling(NOW, live(400), [edge("a", "ready", 75), edge("d", "draining", 75)], initialPolicyState, { ...config, headroom: 0.2 });
    expect(roomy).toMatchObject({ reason: "scale-out", desired: 5, actions: { create: 3, undrain: ["d"] } });
  });

  it("undrains the busiest draining edges first", () => {
    const fleet = [edge("a", "ready", 80), edge("d1", "draining", 5), edge("d2", "draining", 40), edge("d3", "draining", 20)];
    const decision = decideScaling(NOW, live(230), fleet, initialPolicyState, config);
    expect(decision.actions.undrain).toEqual(["d2", "d3"]);
    expect(decision.actions.create).toBe(0);
    expect(decision.actions.delete).toEqual([]);
  });

  it("stays steady, records nothing new, when the fleet fits and a budget leaves no room to grow", () => {
    const fleet = [edge("a", "ready", 50), edge("b", "ready", 50)];
    const steady = decideScaling(NOW, live(100), fleet, initialPolicyState, config);
    expect(steady).toMatchObject({ reason: "steady", desired: 2, actions: { create: 0, undrain: [], drain: [], delete: [] } });
    // Only this tick's need and demand sample are recorded (no live show: no tickets, the ceiling is the edges' report).
    expect(steady.state).toEqual({ history: [{ at: NOW, needIn: 2 }], lastScaleOutAt: null, lastScaleInAt: null, samples: [{ at: NOW, viewers: 100, ceiling: 100, live: {} }] });
    const broke = decideScaling(NOW, live(1000), fleet, initialPolicyState, { ...config, budgetCentsPerHour: 2 * config.hourlyCostCents });
    expect(broke).toMatchObject({ reason: "steady", desired: 2, actions: { create: 0 } });
    expect(broke.inputs.cap).toBe(2);
    expect(broke.state.lastScaleOutAt).toBeNull();
  });

  it("scales in exactly when the cooldown has passed since the last scale-out; scale-in steps may follow each other", () => {
    // Both paid hours end within drainBeforeHourEndMs (5 min left), not yet within deleteBeforeHourEndMs.
    const hourEnds = { createdAt: NOW - 55 * MIN };
    const fleet = [edge("a", "ready", 5, hourEnds), edge("b", "ready", 5, hourEnds)];
    const justBefore = { ...initialPolicyState, lastScaleOutAt: NOW - config.scaleInCooldownMs + 1 };
    expect(decideScaling(NOW, live(10), fleet, justBefore, config)).toMatchObject({ reason: "steady", desired: 2, actions: { drain: [] } });
    for (const previous of [
      { ...initialPolicyState, lastScaleOutAt: NOW - config.scaleInCooldownMs },
      // A scale-in one tick ago does not hold the next step back: each edge goes at its own hour end.
      { ...initialPolicyState, lastScaleInAt: NOW - 15_000 },
    ]) {
      const scaled = decideScaling(NOW, live(10), fleet, previous, config);
      expect(scaled).toMatchObject({ reason: "scale-in", desired: 1 });
      expect(scaled.actions.drain).toHaveLength(1);
      expect(scaled.state.lastScaleInAt).toBe(NOW);
    }
  });

  it("forgets a need exactly at the end of the stabilisation window", () => {
    // Paid hours ending within drainBeforeHourEndMs, so only the window decides.
    const hourEnds = { createdAt: NOW - 55 * MIN };
    const fleet = [edge("a", "ready", 5, hourEnds), edge("b", "ready", 5, hourEnds), edge("c", "ready", 5, hourEnds)];
    const inside = { ...initialPolicyState, history: [{ at: NOW - config.stabilisationWindowMs + 1, needIn: 3 }] };
    expect(decideScaling(NOW, live(15), fleet, inside, config).actions.drain).toEqual([]);
    const atEdge = { ...initialPolicyState, history: [{ at: NOW - config.stabilisationWindowMs, needIn: 3 }] };
    const decision = decideScaling(NOW, live(15), fleet, atEdge, config);
    expect(decision.actions.drain).toHaveLength(1);
    expect(decision.state.history).toEqual([{ at: NOW, needIn: 1 }]);
  });

  it("with no viewers, needs no edge and drains down to minEdges one step at a time", () => {
    const toOne = { ...config, minEdges: 1, scaleInStep: 5 };
    const fleet = [edge("a", "ready", 0), edge("b", "ready", 0), edge("c", "ready", 0)];
    // Local edges (no hourly billing): drained at once, and idle edges drained this tick are deleted at once.
    const none = decideScaling(NOW, live(0), fleet, initialPolicyState, { ...toOne, hourlyBilling: false });
    expect(none.inputs).toMatchObject({ edgeViewers: 0, needOut: 0, needIn: 0, scaleInTarget: 1 });
    expect(none.actions.drain).toHaveLength(2);
    expect(none.desired).toBe(1);
    expect(none.actions.delete.sort()).toEqual([...none.actions.drain].sort());
    // Hourly billing, mid-hour (30 min paid ahead): deleting saves nothing, all three serve on.
    expect(decideScaling(NOW, live(0), fleet, initialPolicyState, toOne)).toMatchObject({ reason: "steady", desired: 3, actions: { drain: [], delete: [] } });
    // Hourly billing, 5 min of the paid hour left: drained, but the idle edges are kept (free to put back) until the hour ends.
    const ending = fleet.map((e) => ({ ...e, createdAt: NOW - 55 * MIN }));
    const billed = decideScaling(NOW, live(0), ending, initialPolicyState, toOne);
    expect(billed).toMatchObject({ reason: "scale-in", desired: 1, actions: { delete: [] } });
    expect(billed.actions.drain).toHaveLength(2);
  });

  it("drains the least-loaded, newest edge first and never one still being created", () => {
    const fleet = [
      edge("old", "ready", 5, { createdAt: NOW - 55 * MIN }),
      edge("new", "ready", 5, { createdAt: NOW - 10 * MIN }),
      // Its paid hour would end first and it has no viewers: it must still never be drained.
      edge("creating", "creating", 0, { createdAt: NOW - 58 * MIN }),
    ];
    // Local edges: the fewest viewers, then the newest.
    const local = decideScaling(NOW, live(10), fleet, initialPolicyState, { ...config, hourlyBilling: false });
    expect(local.actions.drain).toEqual(["new"]);
    // Hourly billing: the edge whose paid hour ends soonest (5 min left); the new one has 50 min paid ahead.
    const decision = decideScaling(NOW, live(10), fleet, initialPolicyState, config);
    expect(decision.actions.drain).toEqual(["old"]);
    expect(decision.actions.delete).toEqual([]);
    const capped = decideScaling(NOW, live(0), fleet, initialPolicyState, { ...config, maxEdges: 1 });
    expect(capped.reason).toBe("cap");
    expect(capped.actions.drain).toEqual(["new", "old"]);
    expect(capped.desired).toBe(1);
    expect(capped.state.lastScaleInAt).toBe(NOW);
  });

  it("counts booting and creating edges as active, not draining or deleting ones", () => {
    const fleet = [edge("c", "creating", 0), edge("b", "booting", 0), edge("r", "ready", 80), edge("d", "deleting", 0)];
    const decision = decideScaling(NOW, live(80), fleet, initialPolicyState, config);
    expect(decision.inputs.active).toBe(3);
    expect(decision.inputs.billed).toBe(4);
    expect(decision.actions.create).toBe(0);
  });
});

describe("expected demand around a show's start", () => {
  const cfg = { ...config, leadTimeMs: 15 * MIN, rushWindowMs: 20 * MIN, expectedAttendance: 0.5 };
  const show = (startsAt: number, status: "scheduled" | "live" | "replay", extra: Partial<DemandSnapshot["shows"][number]> = {}) => ({
    eventId: "e",
    startsAt,
    status,
    ticketsSold: 301,
    webrtcViewers: 0,
    hlsViewers: 0,
    ...extra,
  });
  const viewers = (s: DemandSnapshot["shows"][number], onEdges = 0) => decideScaling(NOW, { shows: [s], hlsViewersOnEdges: onEdges }, [], initialPolicyState, cfg).inputs.edgeViewers;

  it("counts half the tickets (rounded up) from exactly the lead time before the start to exactly the rush window after", () => {
    expect(viewers(show(NOW + 15 * MIN, "scheduled"))).toBe(151);
    expect(viewers(show(NOW + 15 * MIN + 1, "scheduled"))).toBe(0);
    expect(viewers(show(NOW - 20 * MIN, "live"))).toBe(151);
    expect(viewers(show(NOW - 20 * MIN - 1, "live"))).toBe(1);
  });

  it("counts the viewers already watching, WebRTC and HLS together, above the ticket floor", () => {
    const withWebrtc = { ...cfg, webrtcViewersPerShow: 50 };
    const demand = { shows: [show(NOW - 60 * MIN, "live", { webrtcViewers: 50, hlsViewers: 120 })], hlsViewersOnEdges: 120 };
    expect(decideScaling(NOW, demand, [], initialPolicyState, withWebrtc).inputs.edgeViewers).toBe(120);
    const rush = { shows: [show(NOW - 5 * MIN, "live", { webrtcViewers: 50, hlsViewers: 0, ticketsSold: 600 })], hlsViewersOnEdges: 0 };
    expect(decideScaling(NOW, rush, [], initialPolicyState, withWebrtc).inputs.edgeViewers).toBe(250);
  });

  it("a replay counts only its HLS viewers, never its tickets", () => {
    expect(viewers(show(NOW - 5 * MIN, "replay", { hlsViewers: 7 }), 7)).toBe(7);
  });

  it("shares viewers the edges do not attribute among live shows by tickets sold, not among scheduled ones", () => {
    const shows = [show(NOW - 60 * MIN, "live", { eventId: "a", ticketsSold: 300, hlsViewers: 10 }), show(NOW - 60 * MIN, "live", { eventId: "b", ticketsSold: 100 })];
    const withWebrtc = { ...cfg, webrtcViewersPerShow: 0 };
    // 210 reported, 10 attributed to a: 200 shared 150 / 50.
    expect(decideScaling(NOW, { shows, hlsViewersOnEdges: 210 }, [], initialPolicyState, withWebrtc).inputs.edgeViewers).toBe(210);
    const later = [...shows, show(NOW + 60 * MIN, "scheduled", { eventId: "c", ticketsSold: 1000 })];
    expect(decideScaling(NOW, { shows: later, hlsViewersOnEdges: 210 }, [], initialPolicyState, withWebrtc).inputs.edgeViewers).toBe(210);
  });
});

describe("expected demand from viewers already watching", () => {
  it("counts a live show's WebRTC viewers with its HLS ones against the WebRTC threshold", () => {
    const cfg = { ...config, webrtcViewersPerShow: 40, rushWindowMs: 0 };
    const show = { eventId: "e", startsAt: NOW - 60 * MIN, status: "live" as const, ticketsSold: 500, webrtcViewers: 50, hlsViewers: 0 };
    // 50 watching, 40 fit on WebRTC: 10 belong on an edge even before any edge reports them.
    expect(decideScaling(NOW, { shows: [show], hlsViewersOnEdges: 0 }, [], initialPolicyState, cfg).inputs.edgeViewers).toBe(10);
  });
});
