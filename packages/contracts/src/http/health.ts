/** GET /api/health (apps/web): Compose's health check and load balancers. */
import { z } from "zod";

/** Reply: 200 `{ok: true, database: "up"}` or 503 `{ok: false, database: "down"}`. */
export const healthReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), database: z.literal("up") }),
  z.object({ ok: z.literal(false), database: z.literal("down") }),
]);
/** Reply of GET /api/health. */
export type HealthReply = z.infer<typeof healthReplySchema>;
