"use client";
/**
 * Admin poster upload: sends the chosen file to
 * POST /api/admin/events/<id>/poster and shows the server's error (too
 * large, not an image) or the new poster. JPEG, PNG or WebP, at most 10 MB.
 * Replies are read through posterReplySchema / errorBodySchema of @limelight/contracts.
 */
import { useState, type FormEvent } from "react";
import { errorBodySchema, posterReplySchema } from "@limelight/contracts";
import { posterUrls } from "@/server/artwork/poster-urls";

/** Props: the event id and its current poster key (null: default poster). */
export function PosterUpload({ eventId, posterKey }: { eventId: string; posterKey: string | null }) {
  const [key, setKey] = useState(posterKey);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/admin/events/${eventId}/poster`, { method: "POST", body: new FormData(e.currentTarget) });
      const body: unknown = await res.json().catch(() => null);
      const reply = res.ok ? posterReplySchema.safeParse(body) : null;
      if (reply?.success) setKey(reply.data.posterKey);
      else setError(errorBodySchema.safeParse(body).data?.error.message ?? "Upload failed");
    } catch {
      setError("Upload failed: the server could not be reached");
    } finally {
      setBusy(false);
    }
  }
  const urls = posterUrls({ id: eventId, posterKey: key });
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="form" aria-label="Poster">
      <img src={urls.jpeg} alt="Current poster" width={300} height={158} className="poster" />
      <label>
        Poster image (JPEG, PNG or WebP, at most 10 MB; shown at 1200×630)
        <input type="file" name="poster" accept="image/jpeg,image/png,image/webp" required />
      </label>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? "Uploading…" : "Upload poster"}
      </button>
    </form>
  );
}
