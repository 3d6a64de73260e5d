export { freePort } from "@limelight/free-port";

/**
 * Polls `check` every `intervalMs` until it resolves true or `timeoutMs` passes.
 * A check that throws counts as "not yet"; when time runs out the Error names
 * `what` and the last error the check threw.
 */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, intervalMs = 100, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error; // not ready yet: reported if it never gets ready
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`, { cause: lastError ?? undefined });
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
