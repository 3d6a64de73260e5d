import { type VultrClient } from "./vultr-provider";

/**
 * An HTTP error answer of the Vultr API, with what `@vultr/vultr-node` hides:
 * the status code and the `Retry-After` header (seconds, or an HTTP date;
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after), here in ms.
 * Resolved (not thrown), like the library's errors, so callers check one way.
 */
export class VultrHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Wait asked for by `Retry-After`, ms, or null when absent or unreadable. */
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = "VultrHttpError";
  }
}

/** Parses a Retry-After value (delta-seconds or HTTP-date) into ms from `now`; null when absent or invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

type Params = Record<string, unknown>;

/**
 * The slice of Vultr API v2 (https://www.vultr.com/api/) the autoscaler uses,
 * over `fetch`, with the same method names and parameters as
 * `@vultr/vultr-node` 2.8.0 (`instances.createInstance({...})`,
 * `dns.listRecords({"dns-domain"})`, ...). It bypasses the library because the
 * library turns every HTTP error into `Error(statusText)` and drops the status
 * code and `Retry-After` (docs/autoscaling.md). Each method resolves to the
 * JSON body, to undefined (204), to a VultrHttpError (HTTP error) or to the
 * network Error (name "FetchError"); it never rejects. `timeoutMs` aborts a
 * request that hangs.
 */
export function createVultrRestClient(options: { apiKey: string; baseUrl: string; timeoutMs: number }): VultrClient {
  const base = options.baseUrl.replace(/\/$/, "");
  const request = async (method: string, path: string, query: Params = {}, body?: Params): Promise<unknown> => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") search.set(key, String(value));
    const url = `${base}${path}${search.size > 0 ? `?${search}` : ""}`;
    try {
      const res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${options.apiKey}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) {
        let detail = "";
        try {
          const parsed = JSON.parse(text) as { error?: unknown };
          detail = typeof parsed.error === "string" ? parsed.error : "";
        } catch {
          detail = "";
        }
        return new VultrHttpError(res.status, detail ? `${res.statusText}: ${detail}` : res.statusText || `HTTP ${res.status}`, parseRetryAfter(res.headers.get("retry-after")));
      }
      return text ? (JSON.parse(text) as unknown) : undefined;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (error.name !== "TimeoutError") error.name = "FetchError";
      return error;
    }
  };
  const id = (p: Params, key: string) => encodeURIComponent(String(p[key]));
  const without = (p: Params, ...keys: string[]) => Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k)));
  return {
    instances: {
      createInstance: (p) => request("POST", "/instances", {}, p),
      listInstances: (p) => request("GET", "/instances", p),
      getInstance: (p) => request("GET", `/instances/${id(p, "instance-id")}`),
      deleteInstance: (p) => request("DELETE", `/instances/${id(p, "instance-id")}`),
    },
    dns: {
      listRecords: (p) => request("GET", `/domains/${id(p, "dns-domain")}/records`, without(p, "dns-domain")),
      createRecord: (p) => request("POST", `/domains/${id(p, "dns-domain")}/records`, {}, without(p, "dns-domain")),
      deleteRecord: (p) => request("DELETE", `/domains/${id(p, "dns-domain")}/records/${id(p, "record-id")}`),
    },
  };
}
