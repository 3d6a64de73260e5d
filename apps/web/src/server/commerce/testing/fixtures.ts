/**
 * Seed factories for commerce tests and the on-sale-rush bench: users,
 * events with hosts, and CommerceDeps wired to a real database and the real
 * stripe client pointed at packages/fake-stripe. Test tooling only.
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { type Db } from "@limelight/db";
import { type Role } from "@limelight/domain";
import { type CommerceDeps } from "../deps";
import { StripePaymentProvider } from "../stripe-payment-provider";

/** A seeded account as use cases see it. */
export interface SeededUser {
  userId: string;
  email: string;
  role: Role;
}

/** Creates a user with `role` (password hash is a placeholder: commerce never signs in). */
export async function seedUser(db: Db, role: Role = "viewer", name = "Buyer"): Promise<SeededUser> {
  const email = `${role}-${randomBytes(5).toString("hex")}@example.test`;
  const user = await db.user.create({ data: { email, name, passwordHash: "x", role } });
  return { userId: user.id, email, role };
}

/** Options of seedEvent. */
export interface SeedEventOptions {
  capacity?: number;
  priceCents?: number;
  currency?: string;
  status?: string;
  contentWarning?: string | null;
  /** Host shares in basis points (a performer is created per share). */
  hostShares?: number[];
}

/** Creates an event with performer hosts; returns the event id, slug and host accounts. */
export async function seedEvent(db: Db, options: SeedEventOptions = {}): Promise<{ eventId: string; slug: string; hosts: SeededUser[] }> {
  const slug = `show-${randomBytes(5).toString("hex")}`;
  const hosts: SeededUser[] = [];
  for (const [i] of (options.hostShares ?? []).entries()) hosts.push(await seedUser(db, "performer", `Host ${i + 1}`));
  const event = await db.event.create({
    data: {
      slug,
      title: `Show ${slug}`,
      description: "A test show",
      startsAt: new Date(Date.now() + 86_400_000),
      durationMinutes: 60,
      priceCents: options.priceCents ?? 1500,
      currency: options.currency ?? "usd",
      capacity: options.capacity ?? 10,
      status: options.status ?? "on_sale",
      contentWarning: options.contentWarning ?? null,
      streamKey: randomBytes(8).toString("hex"),
      hosts: { create: (options.hostShares ?? []).map((shareBps, i) => ({ userId: hosts[i]?.userId as string, shareBps })) },
    },
  });
  return { eventId: event.id, slug, hosts };
}

/** A real stripe client pointed at a fake-stripe server (no retries, so injected failures surface). */
export function stripeClientFor(fake: { host: string; port: number; protocol: "http" }): Stripe {
  return new Stripe("sk_test_limelight_fake", { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 });
}

/** CommerceDeps on `db` with the StripePaymentProvider talking to `fake`. */
export function stripeDeps(
  db: Db,
  fake: { host: string; port: number; protocol: "http"; webhookSecret: string },
  overrides: Partial<CommerceDeps> = {},
): CommerceDeps {
  return {
    db,
    provider: new StripePaymentProvider(stripeClientFor(fake)),
    webhookSecret: fake.webhookSecret,
    appUrl: "http://localhost:3000",
    tipMinCents: 100,
    ...overrides,
  };
}
