/** Small helpers shared by the nginx config renderers. */

/** Quotes one nginx config argument when it holds characters the config parser treats specially. */
export function nginxArg(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  if (/["\\\n;]/.test(value)) throw new Error(`cannot place ${JSON.stringify(value)} in an nginx config`);
  return `"${value}"`;
}

/** Throws unless `path` is an absolute path without characters nginx would misread. */
export function assertPath(what: string, path: string): void {
  if (!/^\/[A-Za-z0-9_./+-]*$/.test(path)) throw new Error(`${what} must be an absolute path of [A-Za-z0-9_./+-], got ${JSON.stringify(path)}`);
}

/** Throws unless `port` is a TCP port number. */
export function assertPort(what: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${what} must be a TCP port, got ${port}`);
}

/** The temp-path directives every unprivileged nginx needs (defaults point into /var/lib/nginx). */
export function tempPaths(tmpDir: string): string {
  return ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${tmpDir}/${k};`).join("\n");
}
