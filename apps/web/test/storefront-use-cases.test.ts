/**
 * Storefront use cases on a real migrated SQLite database: roles are enforced
 * on every admin action, bad form input gets a clear message, admin actions
 * are audited, and access tokens go only to the right people.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@limelight/access-token";
import { createDb, type Db } from "@limelight/db";
import { createEvent as seedEvent, createTicket, createUser, type SeededUser } from "@limelight/db/seed/factories";
import { accessTokenRequestSchema } from "@limelight/contracts";
import { parseInput, type Actor } from "@limelight/domain";
import { createSqliteDatabase } from "@limelight/testkit";
import { issueAccessToken } from "../src/server/access/issue-access-token";
import { loadStudioEvent } from "../src/server/access/studio-access";
import { changeUserRole } from "../src/server/accounts/change-user-role";
import { signUp } from "../src/server/accounts/sign-up";
import { authenticate } from "../src/server/auth/credentials";
import { adminListEvents } from "../src/server/events/admin-list-events";
import { changeEventStatus } from "../src/server/events/change-event-status";
import { createEvent } from "../src/server/events/create-event";
import { getEventPage } from "../src/server/events/get-event-page";
import { listSchedule } from "../src/server/events/list-schedule";
import { setEventHosts } from "../src/server/events/set-event-hosts";
import { updateEvent } from "../src/server/events/update-event";

const SECRET = "test-access-token-secret-0123456789abcdef";
const tokenConfig = { secret: SECRET, ttlSeconds: 300, mediaUrl: "http://media.test" };
let db: Db;
let admin: Actor;
let ada: SeededUser;
let ben: SeededUser;
let viewer: Actor;

const form = {
  title: "Friday Folk",
  description: "Acoustic night",
  startsAt: "2031-03-07T20:00",
  durationMinutes: "75",
  price: "9.99",
  currency: "usd",
  capacity: "30",
  contentWarning: "",
  replayWindowHours: "24",
  posterUrl: "",
};

const actorOf = (seeded: SeededUser): Actor => ({ userId: seeded.user.id, role: seeded.user.role as Actor["role"] });

beforeAll(async () => {
  db = createDb(createSqliteDatabase());
  admin = actorOf(await createUser(db, { role: "admin" }));
  ada = await createUser(db, { role: "performer", name: "Ada" });
  ben = await createUser(db, { role: "performer", name: "Ben" });
  viewer = actorOf(await createUser(db, { role: "viewer", name: "Vera" }));
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("admin actions", () => {
  it("refuses viewers and performers (403) and signed-out callers (401), changing nothing", async () => {
    const event = await seedEvent(db, { status: "draft", hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    const performer = actorOf(ada);
    for (const actor of [viewer, performer]) {
      await expect(createEvent(db, actor, form)).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
      await expect(updateEvent(db, actor, event.id, form)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setEventHosts(db, actor, event.id, [{ userId: ada.user.id, shareBps: 10_000 }])).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(changeEventStatus(db, actor, { eventId: event.id, to: "on_sale" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(adminListEvents(db, actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(changeEventStatus(db, null, { eventId: event.id, to: "on_sale" })).rejects.toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    const after = await db.event.findUniqueOrThrow({ where: { id: event.id } });
    expect(after.status).toBe("draft");
    expect(after.title).toBe(event.title);
  });

  it("creates, edits, hosts and publishes an event, writing one audit row per action", async () => {
    const { eventId, slug } = await createEvent(db, admin, form);
    expect(slug).toMatch(/^friday-folk-[0-9a-f]{6}$/);
    await expect(changeEventStatus(db, admin, { eventId, to: "on_sale" })).rejects.toThrow("Assign at least one host before putting the event on sale");
    await setEventHosts(db, admin, eventId, [
      { userId: ada.user.id, shareBps: "7500" },
      { userId: ben.user.id, shareBps: "2500" },
    ]);
    await updateEvent(db, admin, eventId, { ...form, price: "11", capacity: "25" });
    expect(await changeEventStatus(db, admin, { eventId, to: "on_sale" })).toBe("on_sale");

    const stored = await db.event.findUniqueOrThrow({ where: { id: eventId }, include: { hosts: { orderBy: { shareBps: "desc" } } } });
    expect(stored).toMatchObject({ status: "on_sale", priceCents: 1100, capacity: 25, replayWindowHours: 24 });
    expect(stored.hosts.map((h) => [h.userId, h.shareBps])).toEqual([
      [ada.user.id, 7500],
      [ben.user.id, 2500],
    ]);
    const audit = await db.auditLog.findMany({ where: { targetId: eventId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["event.create", "event.hosts.set", "event.update", "event.status"]);
    expect(audit.every((a) => a.actorId === admin.userId)).toBe(true);
    expect(JSON.parse(audit[3]?.details ?? "{}")).toEqual({ from: "draft", to: "on_sale" });

    const { upcoming, replays } = await listSchedule(db);
    expect(upcoming.map((e) => e.id)).toContain(eventId);
    expect(replays.map((e) => e.id)).not.toContain(eventId);
    await expect(changeEventStatus(db, admin, { eventId, to: "on_sale" })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
  });

  it.each([
    [{ title: "" }, "Title is required"],
    [{ price: "12,50" }, "Price must be an amount like 12 or 12.50"],
    [{ capacity: "-3" }, "Capacity must be at least 1"],
    [{ startsAt: "tomorrow-ish" }, "Start time must be a date and time"],
    [{ durationMinutes: "1.5" }, "Duration (minutes) must be a whole number"],
    [{ startsAt: "2020-01-01T10:00" }, "Start time must be in the future"],
  ])("bad form input %o gets a clear 400 message", async (patch, message) => {
    const before = await db.event.count();
    const error = await createEvent(db, admin, { ...form, ...patch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
    expect((error as Error).message).toContain(message);
    expect(await db.event.count()).toBe(before);
  });

  it("refuses bad host lists and viewers as hosts", async () => {
    const event = await seedEvent(db, { status: "draft" });
    await expect(setEventHosts(db, admin, event.id, [{ userId: ada.user.id, shareBps: 9000 }])).rejects.toThrow(
      "Shares must add up to 10,000 bps (now 9,000)",
    );
    await expect(setEventHosts(db, admin, event.id, [{ userId: viewer.userId, shareBps: 10_000 }])).rejects.toThrow("only performers can host events");
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(db, { role: "performer" })));
    await expect(setEventHosts(db, admin, event.id, five.map((p) => ({ userId: p.user.id, shareBps: 2000 })))).rejects.toThrow(
      "An event can have at most 4 hosts",
    );
    expect(await db.eventHost.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("never lowers capacity below the seats already taken", async () => {
    const { eventId } = await createEvent(db, admin, { ...form, capacity: "3" });
    const buyers = await Promise.all([1, 2].map(() => createUser(db)));
    for (const b of buyers) await createTicket(db, { eventId, userId: b.user.id });
    await expect(updateEvent(db, admin, eventId, { ...form, capacity: "1" })).rejects.toThrow(
      "Capacity cannot be lower than the 2 seats already sold or held",
    );
    await updateEvent(db, admin, eventId, { ...form, capacity: "2" });
    expect((await db.event.findUniqueOrThrow({ where: { id: eventId } })).capacity).toBe(2);
  });
});

describe("accounts", () => {
  it("lets only admins change roles, never their own, and audits each change", async () => {
    const target = await createUser(db, { role: "viewer" });
    await expect(changeUserRole(db, viewer, { userId: target.user.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeUserRole(db, admin, { userId: admin.userId, role: "viewer" })).rejects.toThrow("You cannot change your own role");
    await expect(changeUserRole(db, admin, { userId: target.user.id, role: "owner" })).rejects.toThrow("Role must be viewer, performer or admin");
    expect(await changeUserRole(db, admin, { userId: target.user.id, role: "performer" })).toBe("performer");
    expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).role).toBe("performer");
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: target.user.id, action: "user.role" } });
    expect(JSON.parse(audit.details)).toMatchObject({ from: "viewer", to: "performer" });
  });

  it("signs up viewers only, refuses a taken email, and checks passwords", async () => {
    const created = await signUp(db, { name: "Nia", email: "  Nia@Example.TEST ", password: "long-enough-1", role: "admin" });
    const user = await db.user.findUniqueOrThrow({ where: { id: created.userId } });
    expect(user).toMatchObject({ email: "nia@example.test", role: "viewer" });
    expect(user.passwordHash).not.toContain("long-enough-1");
    await expect(signUp(db, { name: "Nia 2", email: "nia@example.test", password: "another-pass" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with this email already exists",
    });
    await expect(signUp(db, { name: "X", email: "not-an-email", password: "long-enough-1" })).rejects.toThrow("Enter a valid email address");
    expect(await authenticate(db, { email: "NIA@example.test", password: "long-enough-1" })).toMatchObject({ id: created.userId, role: "viewer" });
    expect(await authenticate(db, { email: "nia@example.test", password: "wrong-password" })).toBeNull();
    expect(await authenticate(db, { email: "nobody@example.test", password: "long-enough-1" })).toBeNull();
  });
});

describe("studio and show access", () => {
  it("lets only the event's hosts and admins open its studio", async () => {
    const event = await seedEvent(db, { hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    await expect(loadStudioEvent(db, actorOf(ada), event.id)).resolves.toMatchObject({ event: { id: event.id, hostUserIds: [ada.user.id] } });
    await expect(loadStudioEvent(db, admin, event.id)).resolves.toMatchObject({ actor: admin });
    await expect(loadStudioEvent(db, actorOf(ben), event.id)).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(loadStudioEvent(db, viewer, event.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadStudioEvent(db, actorOf(ben), "no-such-event")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("issues signed access tokens to ticket holders of a live show, hosts and admins only", async () => {
    const event = await seedEvent(db, { status: "live", startsAt: new Date(Date.now() - 60_000), hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    const ticket = await createTicket(db, { eventId: event.id, userId: viewer.userId, source: "purchase" });

    const first = await issueAccessToken(db, viewer, { eventId: event.id }, tokenConfig);
    const second = await issueAccessToken(db, viewer, { eventId: event.id }, tokenConfig);
    const claims = await verifyAccessToken(first.token, SECRET);
    expect(claims).toMatchObject({ userId: viewer.userId, eventId: event.id, ticketId: ticket.id, role: "viewer", name: "Vera" });
    expect(claims.expiresAt - claims.issuedAt).toBe(300);
    expect(first.mediaUrl).toBe("http://media.test");
    expect(second.deviceId).not.toBe(first.deviceId);

    const host = await issueAccessToken(db, actorOf(ada), { eventId: event.id }, tokenConfig);
    expect(await verifyAccessToken(host.token, SECRET)).toMatchObject({ role: "host", ticketId: null });
    expect((await issueAccessToken(db, admin, { eventId: event.id }, tokenConfig)).role).toBe("admin");

    const stranger = actorOf(await createUser(db));
    await expect(issueAccessToken(db, stranger, { eventId: event.id }, tokenConfig)).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(issueAccessToken(db, actorOf(ben), { eventId: event.id }, tokenConfig)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueAccessToken(db, null, { eventId: event.id }, tokenConfig)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(() => parseInput(accessTokenRequestSchema, {})).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", path: ["eventId"] }));

    await db.ticket.update({ where: { id: ticket.id }, data: { status: "refunded" } });
    await expect(issueAccessToken(db, viewer, { eventId: event.id }, tokenConfig)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("hides drafts from the public and shows Watch only to ticket holders of a live show", async () => {
    const draft = await seedEvent(db, { status: "draft", hosts: [{ userId: ada.user.id, shareBps: 10_000 }] });
    await expect(getEventPage(db, null, draft.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getEventPage(db, viewer, draft.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getEventPage(db, actorOf(ada), draft.slug)).canOpenStudio).toBe(true);

    const live = await seedEvent(db, { status: "live", capacity: 1 });
    expect(await getEventPage(db, viewer, live.slug)).toMatchObject({ canBuy: true, canWatch: false, myTicketId: null });
    const ticket = await createTicket(db, { eventId: live.id, userId: viewer.userId });
    expect(await getEventPage(db, viewer, live.slug)).toMatchObject({ canBuy: false, canWatch: true, myTicketId: ticket.id });
    const other = actorOf(await createUser(db));
    expect(await getEventPage(db, other, live.slug)).toMatchObject({ canBuy: false, canWatch: false, event: { seatsLeft: 0 } });
  });

  it("lists an ended show under Replays while its replay window is open, and offers the replay to its ticket holders only", async () => {
    const hour = 3_600_000;
    const recent = await seedEvent(db, { status: "ended", replayWindowHours: 24 });
    await db.event.update({ where: { id: recent.id }, data: { endedAt: new Date(Date.now() - hour) } });
    const old = await seedEvent(db, { status: "ended", replayWindowHours: 24 });
    await db.event.update({ where: { id: old.id }, data: { endedAt: new Date(Date.now() - 25 * hour) } });
    const { replays } = await listSchedule(db);
    expect(replays.map((e) => e.id)).toContain(recent.id);
    expect(replays.map((e) => e.id)).not.toContain(old.id);
    expect(replays.find((e) => e.id === recent.id)?.replayUntil).toBeGreaterThan(Date.now() + 22 * hour);

    const holder = await createUser(db);
    await createTicket(db, { eventId: recent.id, userId: holder.user.id });
    expect((await getEventPage(db, actorOf(holder), recent.slug)).replayUntil).toBeGreaterThan(Date.now());
    expect((await getEventPage(db, viewer, recent.slug)).replayUntil).toBeNull();
  });
});
