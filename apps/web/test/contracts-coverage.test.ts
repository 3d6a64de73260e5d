/**
 * Every wire contract has one source, @limelight/contracts: this fails when
 * an API route of apps/web (app/api/**\/route.ts) or one of its HTTP methods
 * has no contract there (Auth.js and Stripe webhooks excepted: their
 * libraries parse them), when a contract names a route that no longer
 * exists, or when a browser component listens to a media server event
 * without the parsing wrapper (onServerEvent in media-connection.ts).
 * The media service's side (every request it handles has a schema) is
 * apps/media/test/socket-contracts.test.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_CONTRACTS, LIBRARY_PARSED_ROUTES, SERVER_EVENT_SCHEMAS } from "@limelight/contracts";

const webRoot = join(import.meta.dirname, "..");
const apiRoot = join(webRoot, "app", "api");

/** Every file under `dir` whose name passes `keep`. */
function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, keep) : keep(name) ? [path] : [];
  });
}

/** Route key of a route file: its folder under app/api, e.g. "watch/[eventId]". */
const routeKey = (file: string) => relative(apiRoot, join(file, "..")).split(sep).join("/");

/** The HTTP methods a route file exports (`export function POST`, `export const GET =`, `export { GET, POST } from`). */
function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1] as string);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const name of (m[1] as string).split(",").map((n) => n.trim())) if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
  return [...methods].sort();
}

describe("HTTP contracts", () => {
  const routes = files(apiRoot, (name) => name === "route.ts");

  it("finds the API routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  it("has a contract for every method of every API route", () => {
    const missing: string[] = [];
    for (const file of routes) {
      const key = routeKey(file);
      if ((LIBRARY_PARSED_ROUTES as readonly string[]).includes(key)) continue;
      const contract = (HTTP_CONTRACTS as Record<string, Record<string, unknown>>)[key];
      const methods = exportedMethods(readFileSync(file, "utf8"));
      expect(methods.length, `${key} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of methods) if (!contract?.[method]) missing.push(`${method} /api/${key}`);
    }
    expect(missing).toEqual([]);
  });

  it("names no route that does not exist", () => {
    const keys = new Set(routes.map(routeKey));
    expect([...Object.keys(HTTP_CONTRACTS), ...LIBRARY_PARSED_ROUTES].filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe("socket contracts in the browser", () => {
  it("listens to media server events only through onServerEvent (which parses them)", () => {
    const sources = files(join(webRoot, "src"), (name) => /\.tsx?$/.test(name) && !name.includes(".test."));
    const names = Object.keys(SERVER_EVENT_SCHEMAS).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const direct = new RegExp(`\\.(?:on|once|prependListener)\\(\\s*"(${names.join("|")})"`);
    const offenders = sources.filter((file) => direct.test(readFileSync(file, "utf8"))).map((file) => relative(webRoot, file));
    expect(offenders).toEqual([]);
  });
});
