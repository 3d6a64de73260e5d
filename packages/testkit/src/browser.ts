import { chromium, type Browser } from "playwright-core";

/** Flags that keep Debian's Chromium quiet and working on a closed network, as root. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--autoplay-policy=no-user-gesture-required",
];

/**
 * Launches headless Debian Chromium (/usr/bin/chromium) through playwright-core.
 * `fakeMedia` adds a fake camera and microphone with auto-accepted permission.
 */
export function launchChromium(options: { fakeMedia?: boolean; extraArgs?: string[] } = {}): Promise<Browser> {
  const args = [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])];
  if (options.fakeMedia) args.push("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args });
}
