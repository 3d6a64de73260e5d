/**
 * GET /events/<slug>/calendar.ics: the show as an iCalendar file ("Add to
 * calendar"), text/calendar, as a download named after the slug. 404 JSON
 * for an unknown slug or a draft the visitor may not see.
 */
import { env } from "@/env";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { errorResponse } from "@/server/http";
import { eventIcs } from "@/server/events/event-calendar";
import { getEventPage } from "@/server/events/get-event-page";

/** Rendered per request (status and time may change). */
export const dynamic = "force-dynamic";

/** The GET handler described above. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await params;
    const { event } = await getEventPage(db(), await currentActor(), slug);
    return new Response(eventIcs(event, env().APP_URL), {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `attachment; filename="${event.slug}.ics"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
