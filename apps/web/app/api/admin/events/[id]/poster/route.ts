/**
 * POST /api/admin/events/<id>/poster (admins): multipart/form-data with a
 * `poster` file (JPEG, PNG or WebP by content, at most 10 MB). 200
 * `{posterKey, urls}`; 413 TOO_LARGE; 400 VALIDATION_FAILED / BAD_REQUEST;
 * 401/403; 404 unknown event. See src/server/artwork/. Contract:
 * posterParamsSchema and posterReplySchema of @limelight/contracts.
 */
import { NextResponse } from "next/server";
import { posterParamsSchema, type PosterReply } from "@limelight/contracts";
import { parseInput, requireRole } from "@limelight/domain";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { handle } from "@/server/http";
import { posterStore } from "@/server/artwork";
import { readPosterUpload } from "@/server/artwork/read-upload";
import { uploadPoster } from "@/server/artwork/upload-poster";

/** Node.js runtime (sharp, files), never cached. */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The POST handler described above. */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => {
    const { id } = parseInput(posterParamsSchema, await params);
    const actor = await currentActor();
    requireRole(actor, ["admin"]); // before reading 10 MB from a stranger
    const bytes = await readPosterUpload(req);
    const reply: PosterReply = await uploadPoster({ db: db(), store: posterStore() }, { actor, eventId: id, bytes });
    return NextResponse.json(reply);
  });
}
