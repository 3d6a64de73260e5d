export { freePort } from "@limelight/free-port";

/** Polls `check` every `intervalMs` until it resolves true or `timeoutMs` passes (then throws). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, intervalMs = 100, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
