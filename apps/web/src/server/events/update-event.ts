import type { Db } from "@limelight/db";
import { AppError, parseInput, requireRole, type Actor } from "@limelight/domain";
import { eventFormSchema } from "@limelight/domain/events/event-form";
import { isEditable } from "@limelight/domain/events/status";
import { writeAudit } from "../audit";
import { eventColumnsFromForm } from "./event-columns";

/**
 * Edits an event's details from the admin form (draft or on-sale events only;
 * the slug stays). Capacity cannot drop below the seats already taken
 * (tickets + open holds). Writes an "event.update" audit row.
 * Throws AppError UNAUTHENTICATED / FORBIDDEN (admins only), VALIDATION_FAILED,
 * NOT_FOUND, CONFLICT (not editable, or capacity below seats taken).
 */
export async function updateEvent(db: Db, actor: Actor | null, eventId: string, input: unknown): Promise<void> {
  const admin = requireRole(actor, ["admin"]);
  const form = parseInput(eventFormSchema, input);
  await db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event) throw new AppError("NOT_FOUND", "No such event");
    if (!isEditable(event.status)) throw new AppError("CONFLICT", "Only draft and on-sale events can be edited");
    // Conditional update: never below the seats taken at the moment of writing.
    const updated = await tx.event.updateMany({
      where: { id: eventId, seatsTaken: { lte: form.capacity }, status: { in: ["draft", "on_sale"] } },
      data: eventColumnsFromForm(form),
    });
    if (updated.count === 0) {
      throw new AppError("CONFLICT", `Capacity cannot be lower than the ${event.seatsTaken} seats already sold or held`);
    }
    await writeAudit(tx, admin, "event.update", { type: "event", id: eventId }, { title: form.title, capacity: form.capacity, priceCents: form.price });
  });
}
