"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError, parseInput } from "@limelight/domain";
import { MAX_HOSTS } from "@limelight/domain/events/hosts";
import { cuidSchema } from "@limelight/domain/validation/ids";
import { formFields, runAction, type ActionState } from "@/server/actions";
import { currentActor, requireActor } from "@/server/auth/session";
import { commerce } from "@/server/commerce";
import { db } from "@/server/db";
import { changeEventStatus } from "@/server/events/change-event-status";
import { createEvent } from "@/server/events/create-event";
import { setEventHosts } from "@/server/events/set-event-hosts";
import { updateEvent } from "@/server/events/update-event";

const idSchema = z.object({ eventId: cuidSchema });

function refresh(eventId: string): void {
  revalidatePath(`/admin/events/${eventId}`);
  revalidatePath("/admin/events");
  revalidatePath("/");
}

/** Create-event form: creates a draft (admins only) and opens its admin page. */
export async function createEventAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  let eventId = "";
  const result = await runAction(async () => {
    eventId = (await createEvent(db(), await currentActor(), formFields(formData))).eventId;
  });
  if (result.error || !eventId) return result;
  revalidatePath("/admin/events");
  redirect(`/admin/events/${eventId}?created=1`);
}

/** Edit-event form (admins only; draft or on-sale events). */
export async function updateEventAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const fields = formFields(formData);
    const { eventId } = parseInput(idSchema, fields);
    await updateEvent(db(), await currentActor(), eventId, fields);
    refresh(eventId);
    return "Event saved";
  });
}

/** Hosts form: rows host0..host3 (user id) + share0..share3 (bps); empty rows are skipped. */
export async function setHostsAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const fields = formFields(formData);
    const { eventId } = parseInput(idSchema, fields);
    const hosts: { userId: string; shareBps: string }[] = [];
    for (let i = 0; i < MAX_HOSTS; i += 1) {
      const userId = fields[`host${i}`]?.trim() ?? "";
      const share = fields[`share${i}`]?.trim() ?? "";
      if (userId === "" && share === "") continue;
      if (userId === "") throw new AppError("VALIDATION_FAILED", `Host ${i + 1}: choose a performer for the share`);
      hosts.push({ userId, shareBps: share });
    }
    await setEventHosts(db(), await currentActor(), eventId, hosts);
    refresh(eventId);
    return "Hosts saved";
  });
}

/** "Put on sale" button (admins only; needs hosts whose shares sum to 10,000 bps). */
export async function putOnSaleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { eventId } = parseInput(idSchema, formFields(formData));
    await changeEventStatus(db(), await currentActor(), { eventId, to: "on_sale" });
    refresh(eventId);
    redirect(`/admin/events/${eventId}?notice=on_sale`);
  });
}

/**
 * "Cancel event" button (admins only), also "Retry refunds" on a cancelled
 * event: one call to the cancel use case (status write, a refund row per
 * valid ticket, refunds tried now, failures retried in the background), then
 * the admin page shows the refunds still pending or failed.
 */
export async function cancelEventAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { eventId } = parseInput(idSchema, formFields(formData));
    const result = await commerce().cancelEvent({ actor: await currentActor(), eventId });
    refresh(eventId);
    const { refunded, revoked, pending, failed } = result.refunds;
    redirect(`/admin/events/${eventId}?notice=cancelled&refunded=${refunded + revoked}&pending=${pending}&failed=${failed}`);
  });
}

/** Refund button on a sales row (admins only): Stripe refund + ticket revoked. */
export async function refundTicketAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const fields = formFields(formData);
    const { eventId, ticketId } = parseInput(idSchema.extend({ ticketId: cuidSchema }), fields);
    const result = await commerce().refundTicket({ actor: await requireActor(["admin"]), ticketId });
    refresh(eventId);
    return result.status === "refunded" ? "Ticket refunded" : "Complimentary ticket revoked";
  });
}

/** Comp form (admins only): gives a free ticket to the account with the email. */
export async function compTicketAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const fields = formFields(formData);
    const { eventId } = parseInput(idSchema, fields);
    const result = await commerce().compTicket({ actor: await requireActor(["admin"]), eventId, email: fields.email ?? "" });
    refresh(eventId);
    return `Complimentary ticket sent to ${result.email}`;
  });
}
