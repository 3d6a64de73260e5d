import { billedCents } from "./billing";
import { type ScalingConfig } from "./config";
import { type DemandSnapshot } from "./demand";
import { type LoadCurve } from "./load-curves";
import { decideScaling, initialPolicyState, type EdgeStatus, type FleetEdge, type PolicyState } from "./policy";

/** How the simulated world behaves. Times in ms. */
export interface SimulationOptions {
  config: ScalingConfig;
  /** Time between autoscaler ticks, ms. */
  tickMs: number;
  /** Time from create to a passing health check, ms (Vultr: about 60–120 s). */
  bootMs: number;
  /** Fraction of a draining edge's viewers that leave per minute (token renewals move them). */
  drainChurnPerMinute: number;
  /**
   * Show-up rates the autoscaler learned from earlier shows of each show's series (event id → peak
   * viewers ÷ tickets sold), as DemandSnapshot.showUpRate; absent: the configuration's expectedAttendance.
   */
  showUpRates?: Record<string, number>;
  /** Start show-up rates learned the same way (event id → DemandSnapshot.startShowUpRate); absent: none known. */
  startShowUpRates?: Record<string, number>;
}

/** One tick of a simulation, for plots and assertions. */
export interface SimulationSample {
  t: number;
  hlsDemand: number;
  ready: number;
  active: number;
  draining: number;
  billed: number;
  desired: number;
  turnedAway: number;
  hourlyCostCents: number;
}

/** Totals of one replay. Money in cents, time in hours or seconds as named. */
export interface SimulationResult {
  curve: string;
  viewerSecondsTurnedAway: number;
  /** Viewer-seconds turned away after a show's start (pre-warm should make this 0). */
  viewerSecondsTurnedAwayAfterStart: number;
  edgeHours: number;
  costCents: number;
  maxBilledEdges: number;
  maxHourlyCostCents: number;
  creates: number;
  deletes: number;
  /** Edges deleted while viewers were still on them (only after `maxDrainMs`). */
  deletedWithViewers: number;
  /** Direction reversals (out after in, or in after out) within the stabilisation window. */
  flaps: number;
  samples: SimulationSample[];
}

/** The lower bound from an oracle that knows the future: just enough edges, booted instantly, billed per exact hour. */
export interface OracleResult {
  edgeHours: number;
  costCents: number;
}

interface SimEdge extends FleetEdge {
  readyAt: number;
}

/** HLS viewers of every show at `t` (viewers above each show's WebRTC threshold) and the demand snapshot without edge reports. */
function demandAt(curve: LoadCurve, t: number, config: ScalingConfig, showUpRates: Record<string, number> = {}, startShowUpRates: Record<string, number> = {}): { hls: number; shows: DemandSnapshot["shows"] } {
  let hls = 0;
  const shows: DemandSnapshot["shows"] = [];
  for (const show of curve.shows) {
    if (t >= show.endsAt) continue;
    const viewers = show.viewersAt(t);
    const webrtc = Math.min(viewers, config.webrtcViewersPerShow);
    hls += viewers - webrtc;
    shows.push({
      eventId: show.eventId,
      startsAt: show.startsAt,
      status: t >= show.startsAt ? "live" : "scheduled",
      ticketsSold: show.ticketsAt(t),
      webrtcViewers: webrtc,
      hlsViewers: 0, // simulated edges report totals only: the demand rule must split them (the harder case)
      ...(showUpRates[show.eventId] !== undefined ? { showUpRate: showUpRates[show.eventId] } : {}),
      ...(startShowUpRates[show.eventId] !== undefined ? { startShowUpRate: startShowUpRates[show.eventId] } : {}),
    });
  }
  return { hls, shows };
}

/**
 * Replays `curve` through `decideScaling` in simulated time: edges boot after
 * `bootMs`, viewers spread evenly over ready edges, draining edges lose viewers
 * at `drainChurnPerMinute`, cost follows Vultr hourly billing (started hours,
 * minimum one). Deterministic.
 */
export function simulate(curve: LoadCurve, options: SimulationOptions): SimulationResult {
  const { config, tickMs, bootMs } = options;
  const edges: SimEdge[] = [];
  let state: PolicyState = initialPolicyState;
  let nextId = 1;
  const result: SimulationResult = {
    curve: curve.name,
    viewerSecondsTurnedAway: 0,
    viewerSecondsTurnedAwayAfterStart: 0,
    edgeHours: 0,
    costCents: 0,
    maxBilledEdges: 0,
    maxHourlyCostCents: 0,
    creates: 0,
    deletes: 0,
    deletedWithViewers: 0,
    flaps: 0,
    samples: [],
  };
  const firstStart = Math.min(...curve.shows.map((s) => s.startsAt));
  let lastDirection: { dir: 1 | -1; at: number } | null = null;
  const churn = Math.pow(1 - options.drainChurnPerMinute, tickMs / 60_000);

  const remove = (edge: SimEdge, t: number) => {
    result.costCents += billedCents(edge.createdAt, t, config.hourlyCostCents);
    result.edgeHours += (t - edge.createdAt) / 3_600_000;
    result.deletes += 1;
    if (edge.viewers > 0) result.deletedWithViewers += 1;
    edges.splice(edges.indexOf(edge), 1);
  };

  for (let t = 0; t < curve.durationMs; t += tickMs) {
    for (const edge of edges) if (edge.status === "booting" && edge.readyAt <= t) edge.status = "ready";
    const { hls, shows } = demandAt(curve, t, config, options.showUpRates, options.startShowUpRates);
    const draining = edges.filter((e) => e.status === "draining");
    const ready = edges.filter((e) => e.status === "ready");
    for (const edge of draining) edge.viewers = Math.floor(edge.viewers * churn);
    let onDraining = draining.reduce((n, e) => n + e.viewers, 0);
    if (onDraining > hls) {
      for (const edge of draining) edge.viewers = Math.floor((edge.viewers * hls) / onDraining);
      onDraining = draining.reduce((n, e) => n + e.viewers, 0);
    }
    const rest = hls - onDraining;
    for (const edge of ready) edge.viewers = Math.ceil(rest / ready.length);
    const turnedAway = Math.max(0, rest - ready.length * config.viewersPerEdge);
    const reported = ready.length > 0 ? hls : onDraining;

    const decision = decideScaling(t, { shows, hlsViewersOnEdges: reported }, edges, state, config);
    state = decision.state;
    for (const id of decision.actions.undrain) {
      const edge = edges.find((e) => e.id === id);
      if (edge) {
        edge.status = edge.readyAt <= t ? "ready" : "booting";
        edge.drainStartedAt = null;
      }
    }
    for (const id of decision.actions.drain) {
      const edge = edges.find((e) => e.id === id);
      if (edge) {
        edge.status = "draining";
        edge.drainStartedAt = t;
      }
    }
    for (const id of decision.actions.delete) {
      const edge = edges.find((e) => e.id === id);
      if (edge) remove(edge, t);
    }
    for (let i = 0; i < decision.actions.create; i++) {
      const status: EdgeStatus = "booting";
      edges.push({ id: `sim-${nextId++}`, status, viewers: 0, createdAt: t, drainStartedAt: null, readyAt: t + bootMs });
    }
    result.creates += decision.actions.create;

    const dir = decision.actions.create + decision.actions.undrain.length > 0 ? 1 : decision.actions.drain.length > 0 ? -1 : 0;
    if (dir !== 0) {
      if (lastDirection && lastDirection.dir !== dir && t - lastDirection.at < config.stabilisationWindowMs) result.flaps += 1;
      lastDirection = { dir, at: t };
    }

    const seconds = tickMs / 1000;
    result.viewerSecondsTurnedAway += turnedAway * seconds;
    if (t >= firstStart) result.viewerSecondsTurnedAwayAfterStart += turnedAway * seconds;
    result.maxBilledEdges = Math.max(result.maxBilledEdges, edges.length);
    result.maxHourlyCostCents = Math.max(result.maxHourlyCostCents, edges.length * config.hourlyCostCents);
    result.samples.push({
      t,
      hlsDemand: hls,
      ready: ready.length,
      active: edges.filter((e) => e.status === "booting" || e.status === "ready").length,
      draining: edges.filter((e) => e.status === "draining").length,
      billed: edges.length,
      desired: decision.desired,
      turnedAway,
      hourlyCostCents: edges.length * config.hourlyCostCents,
    });
  }
  for (const edge of [...edges]) remove(edge, curve.durationMs);
  return result;
}

/** The oracle: at every tick exactly ceil(HLS demand ÷ capacity) edges, no boot time, exact hours. */
export function oracle(curve: LoadCurve, config: ScalingConfig, tickMs: number): OracleResult {
  let edgeHours = 0;
  for (let t = 0; t < curve.durationMs; t += tickMs) {
    const { hls } = demandAt(curve, t, config);
    edgeHours += (Math.ceil(hls / config.viewersPerEdge) * tickMs) / 3_600_000;
  }
  return { edgeHours, costCents: edgeHours * config.hourlyCostCents };
}

/**
 * What an autoscaler learns from one earlier run of each show of `curve` (the
 * previous show of the same series): its peak viewers ÷ its tickets sold at
 * that peak's end of sales, per event id, rounded up to 0.05. Used as
 * SimulationOptions.showUpRates to replay a curve as the next show of its series.
 */
export function learnedShowUpRates(curve: LoadCurve, tickMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const show of curve.shows) {
    let peak = 0;
    let tickets = 0;
    for (let t = show.startsAt; t < show.endsAt; t += tickMs) {
      peak = Math.max(peak, show.viewersAt(t));
      tickets = Math.max(tickets, show.ticketsAt(t));
    }
    out[show.eventId] = tickets > 0 ? Math.min(1, Math.ceil((peak / tickets) * 20) / 20) : 1;
  }
  return out;
}

/**
 * What an autoscaler learns about the start of each show of `curve` from the previous show of its
 * series: the most viewers within `windowMs` (use the policy's forecastLeadMs: a boot and a tick)
 * after the start ÷ the most tickets sold (as the autoscaler's ShowAttendance keeps them), per event
 * id, rounded up to 0.05 (startShowUpRateFromHistory). Used as SimulationOptions.startShowUpRates.
 */
export function learnedStartShowUpRates(curve: LoadCurve, tickMs: number, windowMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const show of curve.shows) {
    let peak = 0;
    let tickets = 0;
    for (let t = show.startsAt; t < show.endsAt; t += tickMs) {
      if (t <= show.startsAt + windowMs) peak = Math.max(peak, show.viewersAt(t));
      tickets = Math.max(tickets, show.ticketsAt(t));
    }
    if (tickets > 0) out[show.eventId] = Math.min(1, Math.ceil((peak / tickets) * 20 - 1e-9) / 20);
  }
  return out;
}
