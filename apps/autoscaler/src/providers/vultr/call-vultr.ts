import { ProviderError, type ProviderFailure } from "../edge-provider";
import { sleep, type VultrGate } from "./vultr-gate";
import { VultrHttpError } from "./vultr-rest-client";

/** How calls to the Vultr client are guarded. Times in ms. */
export interface VultrCallOptions {
  gate: VultrGate;
  /** Deadline of one call (the client has no timeout of its own). */
  timeoutMs: number;
  /** Wait after a 429 that carries no readable Retry-After (e.g. through @vultr/vultr-node, which hides it), doubled per repeat. */
  rateLimitBackoffMs: number;
  /** First back-off after a 5xx, timeout or network error, doubled per attempt (with jitter). */
  retryBackoffMs: number;
  /** Attempts per call for retryable failures. */
  maxAttempts: number;
}

const SERVER_ERROR = /^(Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Gateway Time-out)\b/;

/**
 * Classifies what a Vultr client resolved to. A VultrHttpError (our REST
 * client) carries its status code; `@vultr/vultr-node` resolves an HTTP error
 * to `Error("<statusText>: <error>")` and a dropped connection to a node-fetch
 * `FetchError`, so for it the only signal is the error's name and message.
 */
export function classifyVultrError(err: Error): ProviderFailure {
  if (err instanceof VultrHttpError) {
    if (err.status === 429) return "rate-limited";
    if (err.status === 404) return "not-found";
    if (err.status >= 500) return "server-error";
    return "rejected";
  }
  if (err.name === "TimeoutError") return "timeout";
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
      const code = result instanceof VultrHttpError ? String(result.status) : failure;
      // Retry-After holds every caller sharing the gate: no request at all before it runs out.
      if (failure === "rate-limited") options.gate.pause(result instanceof VultrHttpError && result.retryAfterMs !== null ? result.retryAfterMs : options.rateLimitBackoffMs);
      throw new ProviderError(failure, `${what}: ${result.message}`, { cause: result, code });
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls with retries: 429s wait for their Retry-After (the gate holds every
 * caller; without the header, `rateLimitBackoffMs` doubled per attempt); 5xx,
 * timeouts and network errors are retried with exponential back-off and full
 * jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/)
 * up to `maxAttempts`; 404 and other 4xx fail at once.
 * Only for idempotent calls (list, get, delete): a create is never retried here.
 */
export async function callVultr(what: string, fn: () => unknown, options: VultrCallOptions): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callVultrOnce(what, fn, options);
    } catch (err) {
      if (!(err instanceof ProviderError) || err.failure === "not-found" || err.failure === "rejected" || attempt >= options.maxAttempts) throw err;
      const cause = err.cause;
      const told = cause instanceof VultrHttpError && cause.retryAfterMs !== null;
      if (err.failure === "rate-limited") {
        if (!told) options.gate.pause(options.rateLimitBackoffMs * 2 ** (attempt - 1));
      } else await sleep(options.retryBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
