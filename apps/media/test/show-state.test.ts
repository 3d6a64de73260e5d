/**
 * The show lifecycle (idle → starting → live → recovering → ending → ended):
 * every legal transition gives the expected next state, every other event in
 * every phase is refused, and the roster (hosts, viewers, videos) survives a
 * rebuild but not the end.
 */
import { describe, expect, it } from "vitest";
import { IllegalTransitionError, type ShowEvent, type ShowGraph, type ShowPhase, type ShowState, timersOf, transition } from "../src/show/show-state";
import { ShowRoster } from "../src/show/show-roster";
import { TimerBag } from "../src/show/timer-bag";

const graph = { pipeline: { id: "p", type: "MediaPipeline" } } as unknown as ShowGraph;
const otherGraph = { pipeline: { id: "p2", type: "MediaPipeline" } } as unknown as ShowGraph;
const done = Promise.resolve();

function states(): Record<ShowPhase, ShowState> {
  return {
    idle: { phase: "idle" },
    starting: { phase: "starting", opening: done },
    live: { phase: "live", graph, roster: new ShowRoster(), timers: new TimerBag(), programStillSince: 0 },
    recovering: { phase: "recovering", roster: new ShowRoster(), reason: "KMS restarted", rebuilding: done, timers: new TimerBag() },
    ending: { phase: "ending", reason: "Host ended the show" },
    ended: { phase: "ended", reason: "Host ended the show" },
  };
}

const events: Record<ShowEvent["type"], ShowEvent> = {
  open: { type: "open", opening: done },
  startFailed: { type: "startFailed" },
  built: { type: "built", graph: otherGraph, at: 1_000 },
  sessionLost: { type: "sessionLost", reason: "KMS restarted", rebuilding: done },
  end: { type: "end", reason: "Host ended the show" },
  released: { type: "released" },
};

/** phase → event → next phase, for every legal transition. */
const legal: Partial<Record<ShowPhase, Partial<Record<ShowEvent["type"], ShowPhase>>>> = {
  idle: { open: "starting", end: "ending" },
  starting: { startFailed: "idle", built: "live", end: "ending" },
  live: { sessionLost: "recovering", end: "ending" },
  recovering: { built: "live", end: "ending" },
  ending: { released: "ended" },
  ended: {},
};

describe("show state machine", () => {
  for (const phase of Object.keys(states()) as ShowPhase[]) {
    for (const type of Object.keys(events) as Array<ShowEvent["type"]>) {
      const next = legal[phase]?.[type];
      if (next) {
        it(`${phase} --${type}--> ${next}`, () => {
          expect(transition(states()[phase], events[type]).phase).toBe(next);
        });
      } else {
        it(`${phase} refuses ${type}`, () => {
          const state = states()[phase];
          expect(() => transition(state, events[type])).toThrow(IllegalTransitionError);
          expect(() => transition(state, events[type])).toThrow(`A show in phase "${phase}" does not accept "${type}"`);
        });
      }
    }
  }

  it("keeps the roster through a rebuild, with the new graph and fresh live timers", () => {
    const live = states().live;
    if (live.phase !== "live") throw new Error("unreachable");
    live.roster.viewers.set("peer-1", { peerId: "peer-1", userId: "u1", endpoint: null, pending: [], received: 0, iceUfrag: null });
    const recovering = transition(live, events.sessionLost);
    expect(recovering).toMatchObject({ phase: "recovering", reason: "KMS restarted" });
    if (recovering.phase !== "recovering") throw new Error("unreachable");
    expect(recovering.roster).toBe(live.roster);
    expect(recovering.timers).not.toBe(live.timers);
    const rebuilt = transition(recovering, events.built);
    if (rebuilt.phase !== "live") throw new Error("unreachable");
    expect(rebuilt.graph).toBe(otherGraph);
    expect(rebuilt.roster.viewers.get("peer-1")?.userId).toBe("u1");
    expect(rebuilt.programStillSince).toBe(1_000);
    expect(rebuilt.timers).not.toBe(recovering.timers);
  });

  it("starts a live show with an empty roster and holds nothing once ending", () => {
    const live = transition(states().starting, events.built);
    expect(live.phase === "live" && live.roster.hosts.size + live.roster.viewers.size + live.roster.videos.size).toBe(0);
    const ending = transition(live, events.end);
    expect(ending).toEqual({ phase: "ending", reason: "Host ended the show" });
    expect(timersOf(ending)).toEqual([]);
    expect(transition(ending, events.released)).toEqual({ phase: "ended", reason: "Host ended the show" });
  });
});

describe("timer bag", () => {
  it("refuses new timers and wakes sleepers once cancelled", async () => {
    const bag = new TimerBag();
    let fired = false;
    bag.set("k", 60_000, () => (fired = true));
    expect(bag.has("k")).toBe(true);
    const sleeping = bag.sleep(60_000);
    bag.cancelAll();
    await sleeping;
    expect(bag.has("k")).toBe(false);
    bag.set("k", 0, () => (fired = true));
    expect(bag.has("k")).toBe(false);
    expect(fired).toBe(false);
    expect(bag.isCancelled).toBe(true);
  });
});
