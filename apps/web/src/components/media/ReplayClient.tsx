"use client";
/**
 * The watch page after a show, during its replay window: asks the routing
 * endpoint (which answers the replay's signed VOD playlist URL on an edge)
 * and plays it with the HLS player, with seeking; says until when the replay
 * is available. Errors (e.g. the window just closed) show with a retry button.
 */
import { useCallback, useEffect, useState } from "react";
import { LocalTime } from "@/components/local-time";
import { HlsSlot } from "./HlsSlot";
import { fetchWatchRoute, type WatchRoute } from "./watch-route";
import styles from "./media.module.css";

/** Props from the watch page: the event, its title and the end of the replay window (ISO 8601). */
export interface ReplayClientProps {
  eventId: string;
  title: string;
  availableUntilIso: string;
}

/** The replay page UI. */
export function ReplayClient({ eventId, title, availableUntilIso }: ReplayClientProps) {
  const [route, setRoute] = useState<WatchRoute | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resolve = useCallback(() => {
    setError(null);
    fetchWatchRoute(eventId).then(setRoute, (e: Error) => setError(e.message));
  }, [eventId]);
  useEffect(resolve, [resolve]);

  return (
    <main className="page">
      <header className={styles.header}>
        <h1>{title}</h1>
        <span className={styles.badge}>REPLAY</span>
      </header>
      <p className={styles.muted}>
        The show has ended. Its replay is available until <LocalTime iso={availableUntilIso} />.
      </p>
      {error && (
        <div role="alert" className={styles.bannerError}>
          {error}{" "}
          <button type="button" className={styles.button} onClick={resolve}>
            Try again
          </button>
        </div>
      )}
      <section className={styles.panel} aria-label="Player">
        {route?.mode === "hls" ? <HlsSlot eventId={eventId} route={route} /> : !error && <p role="status">Loading the replay…</p>}
      </section>
    </main>
  );
}
