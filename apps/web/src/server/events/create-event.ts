import { randomBytes } from "node:crypto";
import type { Db } from "@limelight/db";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { eventFormSchema, slugify } from "@limelight/domain/events/event-form";
import { writeAudit } from "../audit";
import { eventColumnsFromForm } from "./event-columns";

/** The created event's id and slug. */
export interface CreatedEvent {
  eventId: string;
  slug: string;
}

/**
 * Creates a draft event from the admin form (see eventFormSchema) with a unique
 * slug and a random stream key, and writes an "event.create" audit row.
 * The start must not be before `now`.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only), VALIDATION_FAILED.
 */
export async function createEvent(db: Db, actor: Actor | null, input: unknown, now: Date = new Date()): Promise<CreatedEvent> {
  const admin = requireRole(actor, ["admin"]);
  const form = parseInput(eventFormSchema, input);
  if (form.startsAt.getTime() < now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Start time must be in the future", { details: [{ path: "startsAt", message: "Start time must be in the future" }] });
  }
  const slug = slugify(form.title, randomBytes(3).toString("hex"));
  return db.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        slug,
        ...eventColumnsFromForm(form),
        streamKey: randomBytes(16).toString("hex"),
        status: "draft",
      },
    });
    await writeAudit(tx, admin, "event.create", { type: "event", id: event.id }, { title: form.title, slug });
    return { eventId: event.id, slug };
  });
}
