/**
 * Which URIs may be injected into a show as PlayerEndpoint sources: http(s)
 * and rtsp URLs, or a file inside the configured media folder (no path
 * traversal). Pure string rules, no file system access.
 */
import { AppError } from "../app-error";

/**
 * Returns the URI to hand to the PlayerEndpoint. Accepts `http://`, `https://`,
 * `rtsp://` URLs; `file:///abs/path` or a relative name inside `mediaFolder`
 * (an absolute folder path) becomes `file://<mediaFolder>/<name>`.
 * Throws AppError VALIDATION_FAILED for other schemes, credentials-free
 * malformed URLs, `..` segments, or files outside the folder.
 */
export function resolveInjectableUri(input: string, mediaFolder: string): string {
  const raw = input.trim();
  if (/^(https?|rtsp):\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError("VALIDATION_FAILED", "Video URL is malformed");
    }
    if (!url.hostname) throw new AppError("VALIDATION_FAILED", "Video URL needs a host");
    return url.toString();
  }
  let path: string;
  if (/^file:\/\//i.test(raw)) {
    path = decodeURIComponent(raw.slice("file://".length));
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    throw new AppError("VALIDATION_FAILED", "Only http(s), rtsp or a file in the media folder can be injected");
  } else {
    path = raw;
  }
  if (path.includes("\0")) throw new AppError("VALIDATION_FAILED", "Invalid file name");
  const segments = path.split(/[\\/]+/);
  if (segments.some((s) => s === "..")) throw new AppError("VALIDATION_FAILED", "Path traversal is not allowed");
  const folder = mediaFolder.replace(/\/+$/, "");
  let relative: string;
  if (path.startsWith("/")) {
    const normalized = "/" + segments.filter((s) => s !== "" && s !== ".").join("/");
    if (!normalized.startsWith(folder + "/")) throw new AppError("VALIDATION_FAILED", "File is outside the media folder");
    relative = normalized.slice(folder.length + 1);
  } else {
    relative = segments.filter((s) => s !== "" && s !== ".").join("/");
  }
  if (!relative) throw new AppError("VALIDATION_FAILED", "File name is empty");
  return `file://${folder}/${relative.split("/").map(encodeURIComponent).join("/")}`;
}
