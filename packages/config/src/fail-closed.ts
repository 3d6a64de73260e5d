/**
 * Production fail-closed rules shared by every Limelight process. Each app's
 * env.ts parses its environment with zod, then, when NODE_ENV=production,
 * hands the parsed values and its list of secrets and public addresses to
 * {@link productionProblems}; any problem stops the process before it serves.
 * Plain TypeScript, no framework import.
 */

/** Minimum length of a production secret, bytes (UTF-8): 256 bits of key for HMAC-SHA256 and JWT signing. */
export const MIN_SECRET_BYTES = 32;

/**
 * Markers of a placeholder value: every secret in .env.example contains one of
 * these, and every development default of the env.ts files starts with "dev-"
 * (checked by packages/config/test/env-example.test.ts).
 */
const PLACEHOLDER = /change[-_ ]?me|^dev[-_]|placeholder|^(secret|password|changeit|test)$/i;

/** Reserved example domains (RFC 2606 / RFC 6761) as in .env.example: never a real deployment. */
const EXAMPLE_HOST = /(^|\.)example\.(com|org|net)$|(^|\.)(example|invalid)$/i;

/** What one app requires in production. Variable names refer to keys of the parsed environment. */
export interface FailClosedSpec {
  /** Required secrets: present, at least MIN_SECRET_BYTES bytes, not a placeholder. */
  readonly secrets: readonly string[];
  /** Public base URLs browsers load: https:// on a public host (not loopback, not an example domain). */
  readonly publicHttpsUrls?: readonly string[];
  /** Addresses others reach (any scheme, or host:port): a public host, not loopback, not an example domain. */
  readonly publicAddresses?: readonly string[];
  /** Further checks of the app (e.g. Stripe keys); each returns "VAR: reason" lines. */
  readonly extra?: readonly ((values: Readonly<Record<string, unknown>>) => readonly string[])[];
}

/** True for a host name or IP literal that only this machine reaches (localhost, 127/8, ::1, 0.0.0.0, ::). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === "0.0.0.0" ||
    h === "::1" ||
    h === "::" ||
    h === "0:0:0:0:0:0:0:1" ||
    h.startsWith("::ffff:127.")
  );
}

/** True when `value` looks copied from .env.example or is a development default. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Problem with one secret, or null. */
export function secretProblem(name: string, value: unknown): string | null {
  if (typeof value !== "string" || value === "") return `${name} is missing: set a random secret of at least ${MIN_SECRET_BYTES} bytes`;
  if (isPlaceholder(value)) return `${name} is a placeholder (from .env.example or a development default): set a random secret of at least ${MIN_SECRET_BYTES} bytes`;
  if (Buffer.byteLength(value, "utf8") < MIN_SECRET_BYTES) return `${name} is too short (${Buffer.byteLength(value, "utf8")} bytes): use at least ${MIN_SECRET_BYTES} random bytes`;
  return null;
}

function hostOf(value: string): { host: string; scheme: string | null } | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return { host: url.hostname, scheme: url.protocol.replace(/:$/, "").toLowerCase() };
    } catch {
      return null;
    }
  }
  const m = /^(\[[^\]]+\]|[^:/]+)(:\d{1,5})?$/.exec(value);
  return m ? { host: m[1]!, scheme: null } : null;
}

/** Problem with one public address (`requireHttps`: browsers load it from an https page), or null. */
export function publicAddressProblem(name: string, value: unknown, requireHttps: boolean): string | null {
  if (typeof value !== "string" || value === "") return `${name} is missing: set the public address of this deployment`;
  const parsed = hostOf(value);
  if (!parsed) return `${name} is not a URL or host:port (${value})`;
  if (isLoopbackHost(parsed.host)) return `${name} points at loopback (${value}): set the public address browsers and servers reach`;
  if (EXAMPLE_HOST.test(parsed.host)) return `${name} is the .env.example placeholder (${value}): set this deployment's own domain`;
  if (requireHttps && parsed.scheme !== "https") return `${name} must be an https:// URL in production (${value}): plain http exposes session cookies and tokens`;
  return null;
}

/**
 * Every production problem of `values` under `spec`, one "VAR ..." sentence
 * each (empty when safe). `values` is the raw environment (before zod fills in
 * development defaults, so an unset secret reads as missing); comma-separated
 * lists and arrays are checked element by element.
 */
export function productionProblems(values: Readonly<Record<string, unknown>>, spec: FailClosedSpec): string[] {
  const problems: string[] = [];
  for (const name of spec.secrets) {
    const p = secretProblem(name, values[name]);
    if (p) problems.push(p);
  }
  const addresses = (names: readonly string[] | undefined, https: boolean) => {
    for (const name of names ?? []) {
      const value = values[name];
      const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",").map((x) => x.trim()).filter(Boolean) : [];
      const list = items.length ? items : [""];
      for (const item of list) {
        const p = publicAddressProblem(name, item, https);
        if (p) {
          problems.push(p);
          break;
        }
      }
    }
  };
  addresses(spec.publicHttpsUrls, true);
  addresses(spec.publicAddresses, false);
  for (const check of spec.extra ?? []) problems.push(...check(values));
  return problems;
}

/** Thrown by {@link assertProductionSafe}; `message` is the one line to print. */
export class UnsafeConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`${app}: refusing to start in production: ${problems.join("; ")}`);
    this.name = "UnsafeConfigError";
  }
}

/**
 * Problems of a LOCAL_ONLY=true run: a production build serving only this
 * machine (the demo, browser tests, benchmarks: `next start` always sets
 * NODE_ENV=production). It may keep development secrets only while every
 * public address of `spec` that is set points at loopback; one public address
 * and it is refused.
 */
export function localOnlyProblems(values: Readonly<Record<string, unknown>>, spec: FailClosedSpec): string[] {
  const problems: string[] = [];
  for (const name of [...(spec.publicHttpsUrls ?? []), ...(spec.publicAddresses ?? [])]) {
    const value = values[name];
    if (typeof value !== "string" || value === "") continue;
    for (const item of value.split(",").map((x) => x.trim()).filter(Boolean)) {
      const parsed = hostOf(item);
      if (item !== "*" && (!parsed || !isLoopbackHost(parsed.host))) {
        problems.push(`LOCAL_ONLY=true but ${name} is not a loopback address (${item}): unset LOCAL_ONLY for a real deployment`);
        break;
      }
    }
  }
  return problems;
}

/**
 * Throws {@link UnsafeConfigError} (one line naming every offending variable)
 * when `values.NODE_ENV === "production"` and {@link productionProblems} finds
 * anything (with LOCAL_ONLY=true: {@link localOnlyProblems}); returns silently
 * otherwise. Call it with the raw environment before parsing it with zod.
 */
export function assertProductionSafe(app: string, values: Readonly<Record<string, unknown>>, spec: FailClosedSpec): void {
  if (values.NODE_ENV !== "production") return;
  const problems = values.LOCAL_ONLY === "true" ? localOnlyProblems(values, spec) : productionProblems(values, spec);
  if (problems.length) throw new UnsafeConfigError(app, problems);
}

/**
 * Runs `load` (an app's env parser) and, if it throws, prints its message as
 * one line on stderr and exits the process with status 1: a process that
 * cannot be configured safely never starts. Returns what `load` returns.
 */
export function loadOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    process.stderr.write(`${(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, "; ")}\n`);
    process.exit(1);
  }
}
