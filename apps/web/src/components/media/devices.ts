/**
 * Camera and microphone discovery and capture for the studio.
 * Uses MediaDevices.enumerateDevices / getUserMedia
 * (https://w3c.github.io/mediacapture-main/). Labels are empty until the
 * page has permission, so call `listDevices()` again after the first capture.
 */

/** One selectable input device. */
export interface InputDevice {
  deviceId: string;
  /** Human label ("" before permission is granted; then a fallback is used). */
  label: string;
  kind: "videoinput" | "audioinput";
}

/** Cameras and microphones currently visible to the page. */
export interface InputDevices {
  cameras: InputDevice[];
  microphones: InputDevice[];
}

/** Lists cameras and microphones; returns empty lists where the API is missing. */
export async function listDevices(): Promise<InputDevices> {
  if (!navigator.mediaDevices?.enumerateDevices) return { cameras: [], microphones: [] };
  const all = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: InputDevice["kind"], fallback: string) =>
    all
      .filter((d) => d.kind === kind)
      .map((d, i) => ({ deviceId: d.deviceId, kind, label: d.label || `${fallback} ${i + 1}` }));
  return { cameras: pick("videoinput", "Camera"), microphones: pick("audioinput", "Microphone") };
}

/**
 * Captures the chosen camera and microphone (null = the browser's default)
 * at up to 1280x720 and 30 fps: Kurento's Composite handles 720p at most.
 * Rejects with the browser's DOMException (NotAllowedError, NotFoundError, ...).
 */
export function captureDevices(cameraId: string | null, microphoneId: string | null): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    video: {
      ...(cameraId ? { deviceId: { exact: cameraId } } : {}),
      width: { ideal: 1280, max: 1280 },
      height: { ideal: 720, max: 720 },
      frameRate: { ideal: 30, max: 30 },
    },
    audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
  });
}

/** Stops every track of a stream (releases the camera light). */
export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/** Turns a getUserMedia rejection into a sentence for the performer. */
export function describeCaptureError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError") return "Camera or microphone permission was refused. Allow it in the browser and try again.";
  if (name === "NotFoundError") return "No camera or microphone was found.";
  if (name === "NotReadableError") return "The camera or microphone is in use by another application.";
  return `Could not open the camera or microphone${error instanceof Error ? `: ${error.message}` : "."}`;
}
