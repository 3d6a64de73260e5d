/**
 * GET /posters/<key>/<size>.<webp|jpg>: an uploaded poster file from the
 * poster store. Keys are content-addressed, so files never change:
 * `Cache-Control: public, max-age=31536000, immutable`. 404 JSON otherwise.
 */
import { AppError } from "@limelight/domain";
import { handle } from "@/server/http";
import { posterStore } from "@/server/artwork";
import { POSTER_FILE, POSTER_KEY } from "@/server/artwork/poster-store";

/** Node.js runtime (files). */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The GET handler described above. */
export async function GET(_req: Request, { params }: { params: Promise<{ key: string; file: string }> }): Promise<Response> {
  return handle(async () => {
    const { key, file } = await params;
    if (!POSTER_KEY.test(key) || !POSTER_FILE.test(file)) throw new AppError("NOT_FOUND", "No such poster");
    const bytes = await posterStore().get(key, file);
    if (!bytes) throw new AppError("NOT_FOUND", "No such poster");
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": file.endsWith(".webp") ? "image/webp" : "image/jpeg",
        "content-length": String(bytes.length),
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
