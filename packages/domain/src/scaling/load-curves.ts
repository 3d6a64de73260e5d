/**
 * Load curves for replaying the scaling policy in simulated time (tests and
 * bench/autoscaler-sim). Times are ms since the start of the simulation.
 */

/** One show in a load curve. */
export interface CurveShow {
  eventId: string;
  /** Scheduled start, ms since simulation start. */
  startsAt: number;
  /** End, ms since simulation start (the show is left out of demand afterwards). */
  endsAt: number;
  /** Valid tickets sold at time `t` (ms). */
  ticketsAt: (t: number) => number;
  /** Viewers watching (WebRTC + HLS) at time `t` (ms); never more than tickets sold. */
  viewersAt: (t: number) => number;
}

/** A named scenario: shows over a simulated duration. */
export interface LoadCurve {
  name: string;
  durationMs: number;
  shows: CurveShow[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32) so replays are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Piecewise-linear interpolation through `points` ([t ms, value]); flat outside. */
export function piecewise(points: [number, number][]): (t: number) => number {
  return (t) => {
    const first = points[0];
    if (!first || t <= first[0]) return first ? first[1] : 0;
    for (let i = 1; i < points.length; i++) {
      const [t1, v1] = points[i] as [number, number];
      const [t0, v0] = points[i - 1] as [number, number];
      if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
    return (points[points.length - 1] as [number, number])[1];
  };
}

/** Multiplies a curve by a per-minute noise of ±`amplitude` (fraction), capped at `cap(t)`. */
function noisy(base: (t: number) => number, amplitude: number, seed: number, cap: (t: number) => number): (t: number) => number {
  const random = seededRandom(seed);
  const factors: number[] = [];
  return (t) => {
    const minute = Math.max(0, Math.floor(t / MIN));
    while (factors.length <= minute) factors.push(1 + (random() * 2 - 1) * amplitude);
    return Math.max(0, Math.min(cap(t), Math.round(base(t) * (factors[minute] ?? 1))));
  };
}

/**
 * A four-hour show with 250 tickets sold, starting 30 minutes into the run:
 * a rush to 200 viewers in the first 3 minutes, a peak of 250 at one hour,
 * ±5 % noise, a decline over the last 30 minutes.
 */
export function fourHourShow(): LoadCurve {
  const startsAt = 30 * MIN;
  const endsAt = startsAt + 4 * HOUR;
  const tickets = piecewise([[0, 220], [startsAt, 250]]);
  const base = piecewise([
    [startsAt - 5 * MIN, 0],
    [startsAt, 20],
    [startsAt + 3 * MIN, 200],
    [startsAt + HOUR, 250],
    [endsAt - 30 * MIN, 240],
    [endsAt, 0],
  ]);
  return {
    name: "4h show, 250 peak, rush at start",
    durationMs: endsAt + HOUR,
    shows: [{ eventId: "four-hour", startsAt, endsAt, ticketsAt: tickets, viewersAt: noisy(base, 0.05, 7, tickets) }],
  };
}

/** A show whose audience keeps buying tickets while live: 80 sold at start, 400 watching after 90 minutes. */
export function walkUpShow(): LoadCurve {
  const startsAt = 20 * MIN;
  const endsAt = startsAt + 3 * HOUR;
  const tickets = piecewise([[0, 80], [startsAt, 80], [startsAt + 90 * MIN, 400]]);
  const base = piecewise([[startsAt, 0], [startsAt + 5 * MIN, 80], [startsAt + 90 * MIN, 400], [endsAt - 20 * MIN, 380], [endsAt, 0]]);
  return {
    name: "walk-up growth to 400",
    durationMs: endsAt + HOUR,
    shows: [{ eventId: "walk-up", startsAt, endsAt, ticketsAt: tickets, viewersAt: noisy(base, 0.03, 11, tickets) }],
  };
}

/** An audience hovering around an edge boundary (±30 viewers every few minutes): a flapping trap. */
export function oscillatingShow(): LoadCurve {
  const startsAt = 20 * MIN;
  const endsAt = startsAt + 3 * HOUR;
  const tickets = () => 400;
  const viewersAt = (t: number) => {
    if (t < startsAt || t >= endsAt) return 0;
    const ramp = Math.min(1, (t - startsAt) / (10 * MIN));
    return Math.round(ramp * (230 + 30 * Math.sin((2 * Math.PI * t) / (7 * MIN))));
  };
  return { name: "oscillating around a boundary", durationMs: endsAt + HOUR, shows: [{ eventId: "oscillating", startsAt, endsAt, ticketsAt: tickets, viewersAt }] };
}

/** Two overlapping shows, the second starting while the first peaks. */
export function overlappingShows(): LoadCurve {
  const a = fourHourShow().shows[0] as CurveShow;
  const bStart = 2 * HOUR;
  const bEnd = bStart + 2 * HOUR;
  const bTickets = () => 300;
  const b: CurveShow = {
    eventId: "second",
    startsAt: bStart,
    endsAt: bEnd,
    ticketsAt: bTickets,
    viewersAt: noisy(piecewise([[bStart, 0], [bStart + 5 * MIN, 250], [bStart + 30 * MIN, 300], [bEnd - 15 * MIN, 280], [bEnd, 0]]), 0.05, 23, bTickets),
  };
  return { name: "two overlapping shows", durationMs: bEnd + HOUR, shows: [a, b] };
}

/**
 * A three-hour show with a 20-minute intermission at 80 minutes: 300 viewers
 * drop to 90 and come back. Scaling in during the break and out after it buys
 * new started hours; an edge whose hour is paid anyway should just wait.
 */
export function intermissionShow(): LoadCurve {
  const startsAt = 20 * MIN;
  const endsAt = startsAt + 3 * HOUR;
  const tickets = () => 320;
  const base = piecewise([
    [startsAt, 0],
    [startsAt + 5 * MIN, 280],
    [startsAt + 80 * MIN, 300],
    [startsAt + 83 * MIN, 90],
    [startsAt + 100 * MIN, 90],
    [startsAt + 104 * MIN, 300],
    [endsAt - 10 * MIN, 290],
    [endsAt, 0],
  ]);
  return { name: "intermission (300 → 90 → 300)", durationMs: endsAt + HOUR, shows: [{ eventId: "intermission", startsAt, endsAt, ticketsAt: tickets, viewersAt: noisy(base, 0.04, 31, tickets) }] };
}

/** Every built-in curve, for the bench: the four original ones, then the ones added since. */
export function allLoadCurves(): LoadCurve[] {
  return [fourHourShow(), walkUpShow(), oscillatingShow(), overlappingShows(), intermissionShow()];
}
