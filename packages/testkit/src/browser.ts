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
 * How long, ms, a Playwright action or wait (click, waitFor, waitForURL) in a
 * test context waits for its condition before failing. Generous because CI
 * runs on a busy two-core machine: tests wait on conditions, and a slow page
 * must not fail them (Playwright's own default is 30 s).
 */
export const BROWSER_WAIT_MS = 60_000;

/**
 * Launches headless Debian Chromium (/usr/bin/chromium) through playwright-core.
 * `fakeMedia` adds a fake camera and microphone with auto-accepted permission.
 * Every context made from the browser (newContext, newPage) waits up to
 * BROWSER_WAIT_MS for its conditions.
 */
export async function launchChromium(options: { fakeMedia?: boolean; extraArgs?: string[] } = {}): Promise<Browser> {
  const args = [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])];
  if (options.fakeMedia) args.push("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (contextOptions) => {
    const context = await newContext(contextOptions);
    context.setDefaultTimeout(BROWSER_WAIT_MS);
    context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
    return context;
  };
  return browser;
}
