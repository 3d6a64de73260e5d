/**
 * `/studio/[eventId]`: the performer studio. Access through the storefront's
 * `requireStudioPageAccess` (domain rule canOpenStudio): signed-out users go
 * to the sign-in page, viewers and performers who do not host this event get
 * the 403 page, an unknown event is a 404.
 */
import { notFound } from "next/navigation";
import { StudioClient } from "@/components/media/StudioClient";
import { env } from "@/env";
import { requireStudioPageAccess } from "@/server/auth/session";
import { loadStreamKey } from "./stream-key";

/** Rendered per request: the page depends on the session. */
export const dynamic = "force-dynamic";

/** Page title. */
export const metadata = { title: "Studio · Limelight" };

/** Server component: access check, then the client studio. */
export default async function StudioPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const { event } = await requireStudioPageAccess(eventId);
  if (event.status === "ended" || event.status === "cancelled") {
    return (
      <main className="narrow">
        <h1>Studio: {event.title}</h1>
        <p role="status">This show has {event.status === "ended" ? "ended" : "been cancelled"}.</p>
      </main>
    );
  }
  const streamKey = await loadStreamKey(event.id);
  if (!streamKey) notFound();
  return <StudioClient eventId={event.id} title={event.title} streamKey={streamKey} ingestUrl={env().RTMP_INGEST_URL} />;
}
