import { AppError } from "@limelight/domain";
import { MAX_POSTER_BYTES } from "./process-poster";

/** Room for the multipart envelope around the file, bytes. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads the `poster` file of a multipart/form-data upload without ever
 * holding more than 10 MB + 64 KB: a Content-Length above that is refused
 * before reading, and a body that grows past it is cut off.
 * Throws AppError TOO_LARGE (413), BAD_REQUEST (not multipart, no `poster` file).
 */
export async function readPosterUpload(req: Request): Promise<Buffer> {
  const limit = MAX_POSTER_BYTES + ENVELOPE_BYTES;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("TOO_LARGE", "The poster is larger than 10 MB");
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) throw new AppError("BAD_REQUEST", "Send the poster as multipart/form-data with a `poster` file");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.length;
    if (size > limit) {
      await reader?.cancel();
      throw new AppError("TOO_LARGE", "The poster is larger than 10 MB");
    }
    chunks.push(next.value);
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": type } }).formData();
  } catch (error) {
    throw new AppError("BAD_REQUEST", "The upload is not valid multipart/form-data", { cause: error });
  }
  const file = form.get("poster");
  if (!file || typeof file === "string") throw new AppError("BAD_REQUEST", "Choose a poster file to upload");
  return Buffer.from(await file.arrayBuffer());
}
