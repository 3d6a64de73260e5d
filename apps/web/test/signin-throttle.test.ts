/**
 * Sign-in throttling on a real migrated SQLite database: repeated wrong
 * passwords lock one email, one IP cannot spray many accounts, the lock ends
 * with its window, a success clears the email's failures, and other people
 * can still sign in. The clock is injected (`now`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createUser, type SeededUser } from "@limelight/db/seed/factories";
import { DEFAULT_SIGN_IN_LIMITS, type SignInThrottleLimits } from "@limelight/domain/accounts/sign-in-throttle";
import { createSqliteDatabase } from "@limelight/testkit";
import { clientIpFrom } from "../src/server/auth/client-ip";
import { signInRedirectMessage, throttledSignInOf } from "../src/server/auth/sign-in-messages";
import { signInWithThrottle } from "../src/server/auth/throttled-sign-in";

const MIN = 60_000;
const WINDOW_MS = DEFAULT_SIGN_IN_LIMITS.perEmail.windowMs;
let db: Db;
let nia: SeededUser;
let omar: SeededUser;
let ipCounter = 0;
/** A fresh client IP per test, so the per-IP limit of one test does not leak into another. */
const freshIp = (): string => `203.0.113.${++ipCounter}`;
const at = (base: Date, ms: number): Date => new Date(base.getTime() + ms);

function attempt(user: SeededUser, password: string, ip: string, now: Date, limits?: SignInThrottleLimits) {
  return signInWithThrottle(db, { email: user.user.email, password }, { ip, now, ...(limits ? { limits } : {}) });
}

async function failFiveTimes(user: SeededUser, ip: string, start: Date): Promise<void> {
  for (let i = 0; i < 5; i++) expect(await attempt(user, "wrong-password", ip, at(start, i * 1_000))).toBeNull();
}

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  nia = await createUser(db, { name: "Nia" });
  omar = await createUser(db, { name: "Omar" });
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("per email", () => {
  it("after 5 wrong passwords refuses even the right one, with the wait in minutes; other users still sign in", async () => {
    const t0 = new Date("2031-01-01T12:00:00Z");
    const ip = freshIp();
    await failFiveTimes(nia, ip, t0);

    await expect(attempt(nia, nia.password, ip, at(t0, 5_000))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      message: "Too many sign-in attempts. Try again in 15 minutes.",
    });
    // Typed differently (case, spaces), it is still the same account.
    await expect(signInWithThrottle(db, { email: ` ${nia.user.email.toUpperCase()} `, password: nia.password }, { ip: freshIp(), now: at(t0, 10 * MIN) })).rejects.toThrow(
      "Too many sign-in attempts. Try again in 5 minutes.",
    );
    // Another account from the same IP, and from elsewhere, is unaffected.
    expect(await attempt(omar, omar.password, ip, at(t0, MIN))).toMatchObject({ id: omar.user.id });
    expect(await attempt(omar, omar.password, freshIp(), at(t0, MIN))).toMatchObject({ id: omar.user.id });
  });

  it("lets the right password in once the window has passed, and that success clears the email's failures", async () => {
    const t0 = new Date("2031-02-01T12:00:00Z");
    const ip = freshIp();
    await failFiveTimes(nia, ip, t0);
    await expect(attempt(nia, nia.password, ip, at(t0, WINDOW_MS - 1))).rejects.toMatchObject({ code: "RATE_LIMITED" });

    // The first failure left the window at t0 + 15 min: 4 remain, one more attempt is allowed.
    expect(await attempt(nia, nia.password, ip, at(t0, WINDOW_MS))).toMatchObject({ id: nia.user.id, role: "viewer" });
    expect(await db.signInFailure.count({ where: { email: nia.user.email } })).toBe(0);

    // Without the clearing, the 4 failures still in the window would lock the next wrong password; now it takes 5 again.
    const t1 = at(t0, WINDOW_MS + MIN);
    await failFiveTimes(nia, ip, t1);
    await expect(attempt(nia, nia.password, ip, at(t1, 10_000))).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("counts failures for unknown emails too, so a lock does not reveal whether an account exists", async () => {
    const t0 = new Date("2031-03-01T12:00:00Z");
    const ip = freshIp();
    const ghost = { email: "nobody-here@example.test", password: "guess" };
    for (let i = 0; i < 5; i++) expect(await signInWithThrottle(db, ghost, { ip, now: at(t0, i) })).toBeNull();
    await expect(signInWithThrottle(db, ghost, { ip, now: at(t0, 10) })).rejects.toThrow("Too many sign-in attempts. Try again in 15 minutes.");
  });

  it("checks at most 5 passwords when many wrong attempts race (as from several web processes)", async () => {
    const t0 = new Date("2031-04-01T12:00:00Z");
    const victim = await createUser(db, { name: "Raced" });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => attempt(victim, `wrong-${i}`, freshIp(), at(t0, i))));
    const checked = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "RATE_LIMITED");
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length + refused.length).toBe(12);
    // Only the attempts whose password was checked count as failures (refused ones remove their row).
    expect(await db.signInFailure.count({ where: { email: victim.user.email } })).toBe(checked.length);
  });

  it("uses the configured limits", async () => {
    const t0 = new Date("2031-05-01T12:00:00Z");
    const strict: SignInThrottleLimits = { perEmail: { maxFailures: 2, windowMs: 2 * MIN }, perIp: { maxFailures: 50, windowMs: 2 * MIN } };
    const ip = freshIp();
    expect(await attempt(omar, "wrong-1", ip, t0, strict)).toBeNull();
    expect(await attempt(omar, "wrong-2", ip, at(t0, 1_000), strict)).toBeNull();
    await expect(attempt(omar, omar.password, ip, at(t0, 2_000), strict)).rejects.toThrow("Try again in 2 minutes.");
    expect(await attempt(omar, omar.password, ip, at(t0, 2 * MIN), strict)).toMatchObject({ id: omar.user.id });
  });
});

describe("per client IP", () => {
  it("after 20 failures from one IP over many emails refuses that IP, even for a right password; other IPs are unaffected", async () => {
    const t0 = new Date("2031-06-01T12:00:00Z");
    const sprayer = freshIp();
    const victim = await createUser(db, { name: "Sprayed" });
    for (let i = 0; i < 19; i++) {
      expect(await signInWithThrottle(db, { email: `target-${i}@example.test`, password: "Summer2031!" }, { ip: sprayer, now: at(t0, i * 1_000) })).toBeNull();
    }
    expect(await attempt(victim, "Summer2031!", sprayer, at(t0, 19_000))).toBeNull();

    await expect(signInWithThrottle(db, { email: "target-99@example.test", password: "Summer2031!" }, { ip: sprayer, now: at(t0, 30_000) })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many sign-in attempts. Try again in 15 minutes.",
    });
    await expect(attempt(victim, victim.password, sprayer, at(t0, 30_000))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // The account itself had only one failure: its owner signs in from their own IP.
    expect(await attempt(victim, victim.password, freshIp(), at(t0, 30_000))).toMatchObject({ id: victim.user.id });
  });
});

describe("housekeeping", () => {
  it("refused attempts are not recorded and failures older than the window are pruned", async () => {
    const t0 = new Date("2031-07-01T12:00:00Z");
    const user = await createUser(db, { name: "Pruned" });
    const ip = freshIp();
    await failFiveTimes(user, ip, t0);
    for (let i = 0; i < 3; i++) await expect(attempt(user, "again", ip, at(t0, 10_000 + i))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.signInFailure.count({ where: { email: user.user.email } })).toBe(5);

    expect(await attempt(user, "later-wrong", freshIp(), at(t0, 2 * WINDOW_MS))).toBeNull();
    expect(await db.signInFailure.count({ where: { createdAt: { lt: at(t0, WINDOW_MS) } } })).toBe(0);
  });

  it("malformed input is a plain failed sign-in, recorded nowhere", async () => {
    const before = await db.signInFailure.count();
    expect(await signInWithThrottle(db, { email: "not-an-email", password: "x" }, { ip: freshIp() })).toBeNull();
    expect(await signInWithThrottle(db, null, { ip: freshIp() })).toBeNull();
    expect(await db.signInFailure.count()).toBe(before);
  });
});

describe("what the user is told", () => {
  it("a throttled attempt carries the message and the wait for the form (Auth.js gets it as code rate_limited)", async () => {
    const t0 = new Date("2031-08-01T12:00:00Z");
    const user = await createUser(db, { name: "Boundary" });
    const ip = freshIp();
    await failFiveTimes(user, ip, t0);
    const thrown = await attempt(user, user.password, ip, at(t0, 5 * MIN)).catch((error: unknown) => error);
    expect(throttledSignInOf(thrown)).toEqual({ message: "Too many sign-in attempts. Try again in 10 minutes.", retryAfterMs: 10 * MIN });
    expect(throttledSignInOf(new Error("boom"))).toBeNull();
  });

  it("the sign-in page explains an Auth.js redirect with the rate_limited code", () => {
    expect(signInRedirectMessage("CredentialsSignin", "rate_limited")).toBe("Too many sign-in attempts. Try again in a few minutes.");
    expect(signInRedirectMessage("CredentialsSignin", "credentials")).toBe("Wrong email or password");
    expect(signInRedirectMessage(undefined, undefined)).toBeNull();
  });

  it("reads the client IP from x-forwarded-for (first hop), else x-real-ip, else unknown", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": " 198.51.100.7 , 10.0.0.1", "x-real-ip": "10.0.0.2" }))).toBe("198.51.100.7");
    expect(clientIpFrom(new Headers({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "" }))).toBe("unknown");
    expect(clientIpFrom(undefined)).toBe("unknown");
  });
});
