import sharp from "sharp";
import { AppError } from "@limelight/domain";

/** Largest upload accepted, bytes (10 MB). */
export const MAX_POSTER_BYTES = 10 * 1024 * 1024;

/** Largest decoded image accepted, pixels (guards against decompression bombs). */
const MAX_INPUT_PIXELS = 50_000_000;

/** The sizes the pages use: width × height in px (1.91:1, Open Graph's recommended ratio). 1200: event page and share previews; 600: cards. */
export const POSTER_SIZES = [
  { width: 1200, height: 630 },
  { width: 600, height: 315 },
] as const;

/** One stored file of a poster: `name` like "1200.webp", its bytes and content type. */
export interface PosterFile {
  name: string;
  contentType: "image/webp" | "image/jpeg";
  bytes: Buffer;
}

/**
 * Checks and converts an uploaded poster with sharp:
 * - more than 10 MB → AppError TOO_LARGE (413);
 * - not a JPEG, PNG or WebP by its CONTENT (the file name and the browser's
 *   content type are ignored), or undecodable, or over 50 megapixels →
 *   AppError VALIDATION_FAILED (400);
 * - otherwise, for each POSTER_SIZES entry, a WebP and a JPEG fallback,
 *   turned by EXIF orientation, cropped to fill (centre), metadata stripped.
 * Source: https://sharp.pixelplumbing.com/api-input#metadata , https://sharp.pixelplumbing.com/api-resize
 */
export async function processPoster(bytes: Buffer): Promise<PosterFile[]> {
  if (bytes.length > MAX_POSTER_BYTES) throw new AppError("TOO_LARGE", "The poster is larger than 10 MB");
  let format: string | undefined;
  try {
    format = (await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch (error) {
    throw new AppError("VALIDATION_FAILED", "The poster must be a JPEG, PNG or WebP image", { cause: error });
  }
  if (format !== "jpeg" && format !== "png" && format !== "webp") throw new AppError("VALIDATION_FAILED", "The poster must be a JPEG, PNG or WebP image");
  const files: PosterFile[] = [];
  try {
    for (const size of POSTER_SIZES) {
      const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize(size.width, size.height, { fit: "cover", position: "centre" });
      files.push({ name: `${size.width}.webp`, contentType: "image/webp", bytes: await base.clone().webp({ quality: 80 }).toBuffer() });
      files.push({ name: `${size.width}.jpg`, contentType: "image/jpeg", bytes: await base.clone().flatten({ background: "#000000" }).jpeg({ quality: 82, mozjpeg: true }).toBuffer() });
    }
  } catch (error) {
    throw new AppError("VALIDATION_FAILED", "The poster image could not be read", { cause: error });
  }
  return files;
}
