import { createHash } from "node:crypto";
import { AppError, requireRole, type Actor } from "@limelight/domain";
import { type Db } from "@limelight/db";
import { posterUrls, type PosterUrls } from "./poster-urls";
import { type PosterStore } from "./poster-store";
import { processPoster } from "./process-poster";

/**
 * Admin: sets an event's poster from uploaded bytes: checked and resized
 * (processPoster), stored under a content-addressed key, then the event's
 * posterKey points at it (old files stay: cached pages may still show them).
 * Returns the new key and URLs. Throws UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
 * TOO_LARGE (413), VALIDATION_FAILED (400, not a JPEG/PNG/WebP image).
 */
export async function uploadPoster(
  deps: { db: Db; store: PosterStore },
  input: { actor: Actor | null; eventId: string; bytes: Buffer },
): Promise<{ posterKey: string; urls: PosterUrls }> {
  const actor = requireRole(input.actor, ["admin"]);
  const event = await deps.db.event.findUnique({ where: { id: input.eventId }, select: { id: true } });
  if (!event) throw new AppError("NOT_FOUND", "Event not found");
  const files = await processPoster(input.bytes);
  const posterKey = `${event.id.toLowerCase()}-${createHash("sha256").update(input.bytes).digest("hex").slice(0, 16)}`;
  await deps.store.put(posterKey, files);
  await deps.db.$transaction([
    deps.db.event.update({ where: { id: event.id }, data: { posterKey } }),
    deps.db.auditLog.create({ data: { actorId: actor.userId, action: "event.poster", targetType: "event", targetId: event.id, details: JSON.stringify({ posterKey, bytes: input.bytes.length }) } }),
  ]);
  return { posterKey, urls: posterUrls({ id: event.id, posterKey }) };
}
