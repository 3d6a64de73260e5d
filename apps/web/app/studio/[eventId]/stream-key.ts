/**
 * The event's RTMP stream key for the studio's OBS settings. Call only after
 * the studio access check (it is a secret: hosts and admins only).
 * Returns null for an unknown event.
 */
import { db } from "@/server/db";

/** Reads Event.streamKey of `eventId`. */
export async function loadStreamKey(eventId: string): Promise<string | null> {
  const row = await db().event.findUnique({ where: { id: eventId }, select: { streamKey: true } });
  return row?.streamKey ?? null;
}
