/**
 * GET /api/events/<id>/status: `{status, startsAt}` of a public event, for
 * the event page's countdown (it switches to "Live now" when the show goes
 * live). 404 JSON for an unknown id or a draft. Never cached.
 */
import { NextResponse } from "next/server";
import { AppError } from "@limelight/domain";
import { db } from "@/server/db";
import { errorResponse } from "@/server/http";

/** Rendered per request. */
export const dynamic = "force-dynamic";

/** The GET handler described above. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const event = await db().event.findUnique({ where: { id }, select: { status: true, startsAt: true } });
    if (!event || event.status === "draft") throw new AppError("NOT_FOUND", "No such show");
    return NextResponse.json({ status: event.status, startsAt: event.startsAt.toISOString() }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
