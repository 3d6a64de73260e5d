/**
 * Seed factories shared by the demo seed and the tests: each creates one row
 * (with its side rows) with sensible defaults that a caller overrides.
 * Passwords are hashed with bcrypt (bcryptjs, cost 10) exactly as the web app
 * does, so factory users can sign in through the real sign-in form.
 */
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Db, EventModel as Event, TicketModel as Ticket, UserModel as User } from "../index";

/** A short random suffix for unique emails and slugs ("k3x9q2"). */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** Options of createUser; every field is optional. role: "viewer" | "performer" | "admin". */
export interface UserSeed {
  email?: string;
  name?: string;
  password?: string;
  role?: "viewer" | "performer" | "admin";
}

/** A created user with the plain-text password it signs in with. */
export interface SeededUser {
  user: User;
  password: string;
}

/** Creates a user (default: a viewer with a unique email and password "password-123"). */
export async function createUser(db: Db, seed: UserSeed = {}): Promise<SeededUser> {
  const role = seed.role ?? "viewer";
  const password = seed.password ?? "password-123";
  const user = await db.user.create({
    data: {
      email: (seed.email ?? `${role}-${uniqueSuffix()}@example.test`).toLowerCase(),
      name: seed.name ?? `Test ${role}`,
      passwordHash: await bcrypt.hash(password, 10),
      role,
    },
  });
  return { user, password };
}

/**
 * Creates the user if the email is new, else updates name, role and password
 * (used by the idempotent demo seed).
 */
export async function upsertUser(db: Db, seed: Required<UserSeed>): Promise<User> {
  const passwordHash = await bcrypt.hash(seed.password, 10);
  const email = seed.email.toLowerCase();
  return db.user.upsert({
    where: { email },
    create: { email, name: seed.name, passwordHash, role: seed.role },
    update: { name: seed.name, passwordHash, role: seed.role },
  });
}

/** One host of a seeded event: user id and revenue share in basis points. */
export interface HostSeed {
  userId: string;
  shareBps: number;
}

/**
 * Options of createEvent. Money in cents; startsAt defaults to one day from
 * now; status defaults to "on_sale"; hosts default to none.
 */
export interface EventSeed {
  slug?: string;
  title?: string;
  description?: string;
  status?: "draft" | "on_sale" | "live" | "ended" | "cancelled";
  startsAt?: Date;
  durationMinutes?: number;
  priceCents?: number;
  currency?: string;
  capacity?: number;
  contentWarning?: string | null;
  replayWindowHours?: number;
  posterUrl?: string | null;
  hosts?: HostSeed[];
}

function eventData(seed: EventSeed, slug: string) {
  const status = seed.status ?? "on_sale";
  const startsAt = seed.startsAt ?? new Date(Date.now() + 24 * 3600_000);
  return {
    slug,
    title: seed.title ?? "Test show",
    description: seed.description ?? "A show created by a seed factory.",
    posterUrl: seed.posterUrl ?? null,
    status,
    startsAt,
    durationMinutes: seed.durationMinutes ?? 60,
    priceCents: seed.priceCents ?? 1500,
    currency: seed.currency ?? "usd",
    capacity: seed.capacity ?? 100,
    contentWarning: seed.contentWarning ?? null,
    replayWindowHours: seed.replayWindowHours ?? 0,
    liveAt: status === "live" ? new Date() : null,
  };
}

/** Creates an event with its hosts (default: on sale tomorrow, $15.00, 100 seats). */
export async function createEvent(db: Db, seed: EventSeed = {}): Promise<Event> {
  const slug = seed.slug ?? `test-show-${uniqueSuffix()}`;
  return db.event.create({
    data: {
      ...eventData(seed, slug),
      streamKey: randomBytes(16).toString("hex"),
      hosts: { create: (seed.hosts ?? []).map((h) => ({ userId: h.userId, shareBps: h.shareBps })) },
    },
  });
}

/** Creates or refreshes the event with `seed.slug` and replaces its hosts (idempotent demo seed). */
export async function upsertEvent(db: Db, seed: EventSeed & { slug: string }): Promise<Event> {
  const data = eventData(seed, seed.slug);
  const event = await db.event.upsert({
    where: { slug: seed.slug },
    create: { ...data, streamKey: randomBytes(16).toString("hex") },
    update: data,
  });
  await db.eventHost.deleteMany({ where: { eventId: event.id } });
  for (const h of seed.hosts ?? []) await db.eventHost.create({ data: { eventId: event.id, userId: h.userId, shareBps: h.shareBps } });
  return event;
}

/**
 * Gives `userId` a valid ticket to `eventId` (source "comp" unless given) and
 * takes one seat. Returns the existing valid ticket when there is one.
 */
export async function createTicket(
  db: Db,
  seed: { eventId: string; userId: string; source?: "purchase" | "comp"; amountCents?: number },
): Promise<Ticket> {
  const existing = await db.ticket.findFirst({ where: { eventId: seed.eventId, userId: seed.userId, status: "valid" } });
  if (existing) return existing;
  const event = await db.event.update({ where: { id: seed.eventId }, data: { seatsTaken: { increment: 1 } } });
  return db.ticket.create({
    data: {
      eventId: seed.eventId,
      userId: seed.userId,
      source: seed.source ?? "comp",
      amountCents: seed.amountCents ?? (seed.source === "purchase" ? event.priceCents : 0),
      currency: event.currency,
    },
  });
}
