/**
 * Hostile requests against a production build of apps/web over real HTTP
 * (Stripe keys set, the app's stripe client pointed at fake-stripe; webhooks
 * signed with the real stripe library):
 * - NUL bytes in ids and 2 MB bodies answer 4xx with a JSON error
 *   (413 for bodies past the limits, server actions included);
 * - webhook edges: unknown Checkout Session → 200, paid session without a
 *   hold → ticket or refund, signature dated in the future → 400;
 * - a fuzz pass over every route and page of the build (from its
 *   app-paths manifest) and every server action (from its server-reference
 *   manifest), signed out and signed in, asserting 0 answers ≥ 500.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@limelight/db";
import { createUser } from "@limelight/db/seed/factories";
import { startFakeStripe, type FakeStripe } from "@limelight/fake-stripe";
import { callServerAction, createSqliteDatabase, repoRoot, serverActionsOfBuild, signInOverHttp, startWebApp, type CookieJar, type WebApp } from "@limelight/testkit";
import { createCommerce, type Commerce } from "./create-commerce";
import { seedEvent, stripeDeps } from "./testing/fixtures";

let db: Db;
let fake: FakeStripe;
let app: WebApp;
let shop: Commerce;
let viewer: CookieJar;
let viewerId: string;

const TWO_MB = "x".repeat(2 * 1024 * 1024);

beforeAll(async () => {
  const dbUrl = createSqliteDatabase();
  db = createDb(dbUrl);
  fake = await startFakeStripe();
  app = await startWebApp({
    DATABASE_URL: dbUrl,
    LOG_LEVEL: "warn",
    STRIPE_SECRET_KEY: "sk_test_limelight_fake",
    STRIPE_API_HOST: fake.host,
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: "http",
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
  });
  shop = createCommerce(stripeDeps(db, fake, { appUrl: app.url }));
  const { user, password } = await createUser(db);
  viewerId = user.id;
  viewer = await signInOverHttp(app.url, user.email, password);
});
afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await db?.$disconnect();
});

async function jsonError(res: Response): Promise<{ status: number; code: unknown }> {
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? ((await res.json()) as { error?: { code?: unknown } }) : { error: { code: `not JSON: ${type}` } };
  return { status: res.status, code: body.error?.code };
}

const distDir = (): string => join(repoRoot(), "apps", "web", process.env.NEXT_DIST_DIR ?? ".next");

/** Every server action of the build with a page that serves it (its `[params]` filled with `value`). */
function serverActions(value = "x"): { id: string; name: string; path: string }[] {
  return serverActionsOfBuild(distDir()).map((a) => ({ id: a.id, name: a.exportedName, path: a.pagePath.replace(/\[[^\]]+\]/g, value) }));
}

/** Route and page paths of the build, e.g. "/api/watch/[eventId]" (app-paths manifest). */
function appPaths(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), "apps", "web", process.env.NEXT_DIST_DIR ?? ".next", "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return [...new Set(Object.keys(manifest).map((k) => k.replace(/\/(page|route)$/, "") || "/"))].filter((p) => !p.includes("_not-found") && !p.includes("_global-error"));
}

describe("ids and bodies from hostile requests", () => {
  it("answers NUL bytes in ids with 4xx JSON errors, never reaching the database", async () => {
    const token = await fetch(`${app.url}/api/access-token`, {
      method: "POST",
      headers: { cookie: viewer.header(), "content-type": "application/json" },
      body: JSON.stringify({ eventId: "cmxcj3b5s0000sf7dfb1cz98\u0000" }),
    });
    expect(await jsonError(token)).toEqual({ status: 400, code: "VALIDATION_FAILED" });
    const watch = await fetch(`${app.url}/api/watch/c%00nul`, { method: "POST", headers: { cookie: viewer.header() } });
    expect(watch.status).toBeGreaterThanOrEqual(400);
    expect(watch.status).toBeLessThan(500);
    expect((await jsonError(watch)).code).toEqual(expect.any(String));
  });

  it("answers 2 MB bodies with 413 and a JSON error: route handlers, the Buy button, the webhook and server actions", async () => {
    for (const path of ["/api/access-token", "/api/watch/cmxcj3b5s0000sf7dfb1cz98z", "/api/events/cmxcj3b5s0000sf7dfb1cz98z/checkout", "/api/webhooks/stripe"]) {
      const res = await fetch(`${app.url}${path}`, { method: "POST", headers: { cookie: viewer.header(), origin: app.url, "content-type": "application/json" }, body: TWO_MB });
      expect({ path, ...(await jsonError(res)) }).toEqual({ path, status: 413, code: "TOO_LARGE" });
    }
    const create = serverActions().find((a) => a.name === "createEventAction");
    expect(create).toBeDefined();
    const res = await callServerAction(app.url, create?.path ?? "/", create?.id ?? "", { title: TWO_MB }, viewer);
    expect(await jsonError(res)).toEqual({ status: 413, code: "TOO_LARGE" });
  });
});

describe("the Buy button's endpoint (POST /api/events/<id>/checkout)", () => {
  it("starts a checkout for the signed-in buyer on this site only: another site's or an origin-less request 403, signed out 401", async () => {
    const { eventId } = await seedEvent(db, { capacity: 5, priceCents: 1500 });
    const url = `${app.url}/api/events/${eventId}/checkout`;
    const post = (headers: Record<string, string>) => fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });
    expect(await jsonError(await post({ cookie: viewer.header(), origin: "https://evil.example" }))).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await jsonError(await post({ cookie: viewer.header() }))).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await db.seatHold.count({ where: { eventId } })).toBe(0);
    expect(await jsonError(await post({ origin: app.url }))).toEqual({ status: 401, code: "UNAUTHENTICATED" });

    const started = await post({ cookie: viewer.header(), origin: app.url });
    expect(started.status).toBe(200);
    const reply = (await started.json()) as { kind: string; redirectUrl: string };
    expect(reply.kind).toBe("checkout");
    expect(reply.redirectUrl).toContain("/pay/cs_");
    expect(await db.seatHold.findMany({ where: { eventId }, select: { userId: true, status: true } })).toEqual([{ userId: viewerId, status: "open" }]);
    // Pressing again resumes the same Checkout Session: still one seat held.
    const again = (await (await post({ cookie: viewer.header(), origin: app.url })).json()) as { redirectUrl: string };
    expect(again.redirectUrl).toBe(reply.redirectUrl);
    expect(await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { seatsTaken: true } })).toEqual({ seatsTaken: 1 });
  });
});

describe("the webhook endpoint's edges over HTTP", () => {
  it("acknowledges an unknown Checkout Session with 200, refuses a signature dated in the future with 400, and never ignores a paid session without hold", async () => {
    const endpoint = `${app.url}/api/webhooks/stripe`;
    const { eventId } = await seedEvent(db, { capacity: 1, priceCents: 1900 });
    const started = await shop.startTicketCheckout({ actor: { userId: viewerId, role: "viewer" }, eventId });

    const unknown = fake.eventFor("checkout.session.completed", started.sessionId);
    (unknown.data.object as { id: string }).id = "cs_test_unknown_to_everyone";
    const ack = await fake.deliver(endpoint, unknown);
    expect({ status: ack.status, outcome: (JSON.parse(ack.body) as { outcome: string }).outcome }).toEqual({ status: 200, outcome: "unknown_object" });

    fake.completeSession(started.sessionId);
    const future = fake.sign(fake.eventFor("checkout.session.completed", started.sessionId), { timestamp: Math.floor(Date.now() / 1000) + 600 });
    const refused = await fetch(endpoint, { method: "POST", headers: { "stripe-signature": future.header, "content-type": "application/json" }, body: future.payload });
    expect(await jsonError(refused)).toEqual({ status: 400, code: "INVALID_SIGNATURE" });
    expect(await db.ticket.count({ where: { eventId } })).toBe(0);

    // The hold vanished but the seat is free again: the payment becomes the ticket.
    await db.seatHold.deleteMany({ where: { checkoutSessionId: started.sessionId } });
    await db.event.update({ where: { id: eventId }, data: { seatsTaken: 0 } });
    const paid = await fake.deliver(endpoint, fake.eventFor("checkout.session.completed", started.sessionId));
    expect(paid.status).toBe(200);
    expect(await db.ticket.findMany({ where: { eventId }, select: { userId: true, status: true } })).toEqual([{ userId: viewerId, status: "valid" }]);
  });
});

describe("a fuzz pass over every route, page and server action", () => {
  it("never answers 5xx, signed out or signed in", { timeout: 600_000 }, async () => {
    const hostileIds = ["c%00nul", "..%2F..%2Fetc%2Fpasswd", "x".repeat(3000), "%ff%fe", "cmxcj3b5s0000sf7dfb1cz98z"];
    const bodies: { type: string; body: string }[] = [
      { type: "application/json", body: "{" },
      { type: "application/json", body: JSON.stringify({ eventId: "\u0000", mode: "\u0000", amount: -1 }) },
      { type: "application/x-www-form-urlencoded", body: "eventId=%00&email=%00" },
    ];
    const failures: string[] = [];
    const check = async (label: string, run: () => Promise<Response>) => {
      try {
        const res = await run();
        await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${res.status} ${label}`);
      } catch (error) {
        failures.push(`network error ${label}: ${String(error)}`);
      }
    };
    for (const jar of [undefined, viewer]) {
      const cookie: Record<string, string> = jar ? { cookie: jar.header() } : {};
      const who = jar ? "viewer" : "anonymous";
      for (const path of appPaths()) {
        const values = /\[[^\]]+\]/.test(path) ? hostileIds : [""];
        for (const value of values) {
          const url = `${app.url}${path.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, value)}`;
          await check(`${who} GET ${url}`, () => fetch(url, { headers: cookie, redirect: "manual" }));
          for (const b of bodies) {
            await check(`${who} POST ${url} ${b.body.slice(0, 40)}`, () => fetch(url, { method: "POST", headers: { ...cookie, "content-type": b.type }, body: b.body, redirect: "manual" }));
          }
        }
        await check(`${who} POST 2MB ${path}`, () => fetch(`${app.url}${path.replace(/\[[^\]]+\]/g, "x")}`, { method: "POST", headers: cookie, body: TWO_MB, redirect: "manual" }));
      }
      for (const { id, path } of serverActions()) {
        for (const fields of [{ eventId: "\u0000", slug: "\u0000", email: "\u0000" }, { eventId: "x".repeat(20_000) }, { ticketId: "cmxcj3b5s0000sf7dfb1cz98z", eventId: "cmxcj3b5s0000sf7dfb1cz98z" }, {}] as Record<string, string>[]) {
          await check(`${who} action ${id} ${JSON.stringify(fields).slice(0, 60)}`, () => callServerAction(app.url, path, id, fields, jar));
        }
        await check(`${who} action ${id} garbage`, () =>
          fetch(`${app.url}${path}`, { method: "POST", headers: { ...cookie, "next-action": id, "content-type": "text/plain" }, body: "\u0000not an encoded reply", redirect: "manual" }),
        );
      }
    }
    await check("action with a malformed multipart body", () =>
      fetch(`${app.url}/`, { method: "POST", headers: { "next-action": serverActions()[0]?.id ?? "",  "content-type": "multipart/form-data; boundary=zzz" }, body: "--yyy\r\nnot multipart", redirect: "manual" }),
    );
    expect(failures).toEqual([]);
    // The actions really ran (not "action not found"): creating an event answers an anonymous caller "Sign in to continue".
    const create = serverActions().find((a) => a.name === "createEventAction");
    const anonymous = await callServerAction(app.url, create?.path ?? "/", create?.id ?? "", { title: "Anonymous show" });
    expect({ status: anonymous.status, text: await anonymous.text() }).toEqual({ status: 200, text: expect.stringContaining("Sign in to continue") });
  });
});
