/**
 * GET /api/events/<id>/status: `{status, startsAt}` of a public event, for
 * the event page's countdown (it switches to "Live now" when the show goes
 * live). 400 VALIDATION_FAILED (with the zod `path`) for an id that is not
 * one, 404 JSON for an unknown id or a draft. Never cached. Contract:
 * eventStatusParamsSchema and eventStatusReplySchema of @limelight/contracts.
 */
import { NextResponse } from "next/server";
import { eventStatusParamsSchema, eventStatusReplySchema } from "@limelight/contracts";
import { AppError, parseInput } from "@limelight/domain";
import { db } from "@/server/db";
import { errorResponse } from "@/server/http";

/** Rendered per request. */
export const dynamic = "force-dynamic";

/** The GET handler described above. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = parseInput(eventStatusParamsSchema, await params);
    const event = await db().event.findUnique({ where: { id }, select: { status: true, startsAt: true } });
    if (!event || event.status === "draft") throw new AppError("NOT_FOUND", "No such show");
    // The status column is a string in SQLite: the reply's contract narrows it (a status it does not know is a 500, not a lie).
    const reply = eventStatusReplySchema.parse({ status: event.status, startsAt: event.startsAt.toISOString() });
    return NextResponse.json(reply, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
