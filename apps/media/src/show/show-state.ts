/**
 * The lifecycle of one live show as an explicit state machine:
 *
 *   idle ──open──▶ starting ──built──▶ live ──sessionLost──▶ recovering
 *    ▲               │                  ▲                        │
 *    └──startFailed──┘                  └─────────built──────────┘
 *   idle | starting | live | recovering ──end──▶ ending ──released──▶ ended
 *
 * Each state holds only what exists in it: the graph (MediaPipeline,
 * Composite, program HubPort, RTP bridge) only in `live`; the roster (hosts,
 * viewers, videos) in `live` and `recovering`; the timers each state owns in
 * its own TimerBag (cancelled by LiveShow when the state is left).
 * `transition()` is pure: it returns the next state or throws
 * IllegalTransitionError; it starts nothing and cancels nothing.
 */
import { type MediaRef, type MediaServer } from "../media-server";
import { type ProgramBridge } from "../program/program-publisher";
import { ShowRoster } from "./show-roster";
import { TimerBag } from "./timer-bag";

/** The Kurento graph of a live show on one media server. */
export interface ShowGraph {
  server: MediaServer;
  pipeline: MediaRef;
  composite: MediaRef;
  /** The one HubPort all WebRTC viewers and the RTP bridge are fed from. */
  programPort: MediaRef;
  /** RtpEndpoint → ffmpeg → RTMP origin; null when no origin is configured. */
  bridge: ProgramBridge | null;
}

/** Not opened yet (or the last start failed). */
export interface IdleState {
  phase: "idle";
}
/** Building the first graph; `opening` settles when it is built (or failed). */
export interface StartingState {
  phase: "starting";
  opening: Promise<void>;
}
/** The graph exists; hosts, viewers and videos take part. `timers`: HubPort releases, host media stalls, program flow. */
export interface LiveState {
  phase: "live";
  graph: ShowGraph;
  roster: ShowRoster;
  timers: TimerBag;
  /** Since when (ms since epoch) the program HubPort has not been seen flowing; null while it flows. */
  programStillSince: number | null;
}
/** The media server lost the graph; a new one is being built. `timers`: the retry delay. */
export interface RecoveringState {
  phase: "recovering";
  roster: ShowRoster;
  reason: string;
  rebuilding: Promise<void>;
  timers: TimerBag;
}
/** end() was called; the graph is being released. */
export interface EndingState {
  phase: "ending";
  reason: string;
}
/** Over: nothing is held. */
export interface EndedState {
  phase: "ended";
  reason: string;
}

/** A show's state (discriminated by `phase`). */
export type ShowState = IdleState | StartingState | LiveState | RecoveringState | EndingState | EndedState;
/** The phases, in lifecycle order. */
export type ShowPhase = ShowState["phase"];

/** Everything that moves a show between states. `at` is the time of the event, ms since epoch. */
export type ShowEvent =
  | { type: "open"; opening: Promise<void> }
  | { type: "startFailed" }
  | { type: "built"; graph: ShowGraph; at: number }
  | { type: "sessionLost"; reason: string; rebuilding: Promise<void> }
  | { type: "end"; reason: string }
  | { type: "released" };

/** An event the current state does not accept (a bug, never user input). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly phase: ShowPhase,
    readonly event: ShowEvent["type"],
  ) {
    super(`A show in phase "${phase}" does not accept "${event}"`);
    this.name = "IllegalTransitionError";
  }
}

/**
 * The state after `event` in `state`. Pure: new TimerBags and rosters are
 * created (not started); the caller cancels what the left state owned.
 * Throws IllegalTransitionError for an event the state does not accept.
 */
export function transition(state: ShowState, event: ShowEvent): ShowState {
  switch (event.type) {
    case "open":
      if (state.phase === "idle") return { phase: "starting", opening: event.opening };
      break;
    case "startFailed":
      if (state.phase === "starting") return { phase: "idle" };
      break;
    case "built":
      if (state.phase === "starting") return { phase: "live", graph: event.graph, roster: new ShowRoster(), timers: new TimerBag(), programStillSince: event.at };
      if (state.phase === "recovering") return { phase: "live", graph: event.graph, roster: state.roster, timers: new TimerBag(), programStillSince: event.at };
      break;
    case "sessionLost":
      if (state.phase === "live") return { phase: "recovering", roster: state.roster, reason: event.reason, rebuilding: event.rebuilding, timers: new TimerBag() };
      break;
    case "end":
      if (state.phase === "idle" || state.phase === "starting" || state.phase === "live" || state.phase === "recovering") return { phase: "ending", reason: event.reason };
      break;
    case "released":
      if (state.phase === "ending") return { phase: "ended", reason: state.reason };
      break;
  }
  throw new IllegalTransitionError(state.phase, event.type);
}

/** The TimerBags `state` owns (its own and its roster's). */
export function timersOf(state: ShowState): TimerBag[] {
  if (state.phase === "live" || state.phase === "recovering") return [state.timers, state.roster.timers];
  return [];
}

/** The roster of `state` (live or recovering), else null. */
export function rosterOf(state: ShowState): ShowRoster | null {
  return state.phase === "live" || state.phase === "recovering" ? state.roster : null;
}
