/**
 * Where an event's poster is served from. Posters are uploaded, resized and
 * stored by Limelight (never hot-linked from another site): an event without
 * an uploaded poster, including events whose old `posterUrl` pointed
 * elsewhere, shows the default poster.
 */

/** The default poster (1200×630 JPEG in apps/web/public). */
export const DEFAULT_POSTER_PATH = "/default-poster.jpg";

/** Paths of an event's poster: `og` for share previews (JPEG), `jpeg` fallback and `webp` (null: none) for <picture>. */
export interface PosterUrls {
  og: string;
  jpeg: string;
  webp: string | null;
}

/** The poster paths of an event (site-relative). */
export function posterUrls(event: { id: string; posterKey?: string | null }): PosterUrls {
  if (!event.posterKey) return { og: DEFAULT_POSTER_PATH, jpeg: DEFAULT_POSTER_PATH, webp: null };
  const base = `/posters/${encodeURIComponent(event.posterKey)}`;
  return { og: `${base}/1200.jpg`, jpeg: `${base}/1200.jpg`, webp: `${base}/1200.webp` };
}
