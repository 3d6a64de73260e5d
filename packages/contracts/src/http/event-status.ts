/**
 * GET /api/events/[id]/status: a public event's status and start, for the
 * event page's countdown (apps/web src/components/countdown.tsx).
 */
import { z } from "zod";
import { cuidSchema } from "@limelight/domain/validation/ids";

/** Path parameter: the event id (a cuid). */
export const eventStatusParamsSchema = z.object({ id: cuidSchema });

/** Reply (200): `status` (an EventStatus other than draft) and `startsAt` (ISO 8601). */
export const eventStatusReplySchema = z.object({
  status: z.enum(["on_sale", "live", "ended", "cancelled"]),
  startsAt: z.iso.datetime(),
});
/** Reply of GET /api/events/[id]/status. */
export type EventStatusReply = z.infer<typeof eventStatusReplySchema>;
