/**
 * Talking to a running apps/web over plain HTTP the way a browser does, for
 * tests and benches: a cookie jar, signing in through Auth.js's credentials
 * endpoint (CSRF token first), and calling a server action like React's
 * client does (POST to the page with the `Next-Action` header and the
 * arguments encoded as multipart form data).
 * Sources: https://authjs.dev/reference/core#csrf ,
 * https://nextjs.org/docs/app/guides/forms (server actions are POST requests).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Cookies set by the app, sent back on later requests (name → value; attributes ignored). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** Keeps every Set-Cookie of `res` (an empty value deletes). */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }

  /** The Cookie request header. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Signs in at `baseUrl` with email + password through Auth.js
 * (`GET /api/auth/csrf`, then `POST /api/auth/callback/credentials`) and
 * returns the jar holding the session cookie. Throws when no session cookie
 * was set (wrong password, throttled).
 */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  jar.store(res);
  if (![...jar.cookies.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}`);
  return jar;
}

/** A server action of a build: its id, exported name, source file and a page path (with `[params]`) that serves it. */
export interface BuiltServerAction {
  id: string;
  exportedName: string;
  filename: string;
  /** e.g. "/events/[slug]": the first page whose bundle holds the action (replace the params before calling). */
  pagePath: string;
}

/**
 * Every server action of the apps/web build in `distDir` (absolute path of
 * its `.next` folder), from `server/server-reference-manifest.json`: the
 * ids browsers send in `Next-Action`.
 */
export function serverActionsOfBuild(distDir: string): BuiltServerAction[] {
  const manifest = JSON.parse(readFileSync(join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node?: Record<string, { workers?: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node ?? {}).map(([id, entry]) => {
    const worker = Object.keys(entry.workers ?? {}).find((w) => !w.includes("_not-found")) ?? "app/page";
    const pagePath = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
    return { id, exportedName: entry.exportedName ?? "", filename: entry.filename ?? "", pagePath };
  });
}

/**
 * The server action ids of the forms in a page's HTML: React renders each
 * action form with a hidden `$ACTION_1:0`-style field holding `{"id": ...}`.
 */
export function actionIdsIn(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/&quot;id&quot;:&quot;([0-9a-f]{40,})&quot;/g)) if (m[1]) ids.add(m[1]);
  for (const m of html.matchAll(/name="\$ACTION_ID_([0-9a-f]{40,})"/g)) if (m[1]) ids.add(m[1]);
  return [...ids];
}

/**
 * Calls a `useActionState` server action `(prevState, formData)` like React's
 * client: POST `path` with `Next-Action: actionId`, multipart body whose
 * field "0" is the encoded argument list and whose `_1_<name>` fields are the
 * form's. Returns the raw response (a redirect is 200 with `x-action-redirect`).
 */
export function callServerAction(baseUrl: string, path: string, actionId: string, fields: Record<string, string>, jar?: CookieJar): Promise<Response> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  body.append("0", JSON.stringify(["$undefined", "$K1"]));
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId, accept: "text/x-component", ...(jar ? { cookie: jar.header() } : {}) },
    body,
  });
}
