/**
 * `/studio/[eventId]`: the performer studio. Signed-out users go to the
 * sign-in page; viewers, and performers who do not host this event, get the
 * 403 page; an unknown event is a 404.
 */
import { notFound } from "next/navigation";
import { isAppError } from "@limelight/domain";
import { StudioClient } from "@/components/media/StudioClient";
import { env } from "@/env";
import { forbidPage, requirePageActor } from "@/server/auth/session";
import { loadStudioEvent, type StudioEvent } from "./load-studio";

export const dynamic = "force-dynamic";

export const metadata = { title: "Studio · Limelight" };

/** Server component: access check, then the client studio. */
export default async function StudioPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const actor = await requirePageActor(["performer", "admin"], `/studio/${encodeURIComponent(eventId)}`);
  let event: StudioEvent | null;
  try {
    event = await loadStudioEvent(eventId, actor);
  } catch (error) {
    if (isAppError(error) && (error.code === "FORBIDDEN" || error.code === "UNAUTHENTICATED")) forbidPage();
    throw error;
  }
  if (!event) notFound();
  if (event.status === "ended") {
    return (
      <main className="narrow">
        <h1>Studio: {event.title}</h1>
        <p role="status">This show has ended.</p>
      </main>
    );
  }
  return <StudioClient eventId={event.id} title={event.title} streamKey={event.streamKey} ingestUrl={env().RTMP_INGEST_URL} />;
}
