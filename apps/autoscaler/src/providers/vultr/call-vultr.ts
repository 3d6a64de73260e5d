import { ProviderError, type ProviderFailure } from "../edge-provider";
import { sleep, type VultrGate } from "./vultr-gate";

/** How calls to the Vultr client are guarded. Times in ms. */
export interface VultrCallOptions {
  gate: VultrGate;
  /** Deadline of one call (the client has no timeout of its own). */
  timeoutMs: number;
  /** Wait after a 429 before anyone calls again (Retry-After is hidden by the client), doubled per repeat. */
  rateLimitBackoffMs: number;
  /** First back-off after a 5xx, timeout or network error, doubled per attempt (with jitter). */
  retryBackoffMs: number;
  /** Attempts per call for retryable failures. */
  maxAttempts: number;
}

const SERVER_ERROR = /^(Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Gateway Time-out)\b/;

/**
 * Classifies what the @vultr/vultr-node client resolved to. The client never
 * rejects: an HTTP error resolves to `Error("<statusText>: <error>")` and a
 * dropped connection to a node-fetch `FetchError`, so the only signal is the
 * error's name and message.
 */
export function classifyVultrError(err: Error): ProviderFailure {
  if (err.name === "FetchError" || /ECONNRESET|ECONNREFUSED|socket hang up|network/i.test(err.message)) return "network";
  if (err.message.startsWith("Too Many Requests")) return "rate-limited";
  if (SERVER_ERROR.test(err.message)) return "server-error";
  if (err.message.startsWith("Not Found")) return "not-found";
  return "rejected";
}

/**
 * One guarded attempt: waits for the gate, runs `fn` under a deadline and turns
 * a resolved Error, a synchronous throw or a timeout into a ProviderError.
 * Returns the client's resolved value (JSON body, or undefined for 204).
 */
export async function callVultrOnce(what: string, fn: () => unknown, options: VultrCallOptions): Promise<unknown> {
  await options.gate.acquire();
  let pending: Promise<unknown>;
  try {
    pending = Promise.resolve(fn());
  } catch (err) {
    throw new ProviderError("rejected", `${what}: ${(err as Error).message}`, { cause: err });
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError("timeout", `${what}: no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    const result = await Promise.race([pending, deadline]);
    if (result instanceof Error) {
      const failure = classifyVultrError(result);
      if (failure === "rate-limited") options.gate.pause(options.rateLimitBackoffMs);
      throw new ProviderError(failure, `${what}: ${result.message}`, { cause: result });
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls with retries: 429s, 5xx, timeouts and network errors are retried with
 * exponential back-off up to `maxAttempts`; 404 and other 4xx fail at once.
 * Only for idempotent calls (list, get, delete): a create is never retried here.
 */
export async function callVultr(what: string, fn: () => unknown, options: VultrCallOptions): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callVultrOnce(what, fn, options);
    } catch (err) {
      if (!(err instanceof ProviderError) || err.failure === "not-found" || err.failure === "rejected" || attempt >= options.maxAttempts) throw err;
      if (err.failure === "rate-limited") options.gate.pause(options.rateLimitBackoffMs * 2 ** (attempt - 1));
      else await sleep(options.retryBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
