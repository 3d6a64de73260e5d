import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort, waitFor } from "./ports";
import { spawnLogged } from "./processes";
import { repoRoot } from "./paths";

/** A running production build of apps/web (`next start`). */
export interface WebApp {
  url: string;
  /** Process id of `next start` (it leads its own process group: the server and any workers it spawns). */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `next start` for apps/web (build folder NEXT_DIST_DIR, default .next) on a free port (or `options.port`, for
 * services that must know the app's URL before it starts) with `env` (merged over a minimal environment). The app must have been built (`npm run build -w
 * @limelight/web`; the test command does it once before the suites).
 * `options.nodeArgs` are Node flags for the server process (benchmarks: `--cpu-prof`).
 * Throws when the build is missing or the app does not answer within 60 s.
 */
export async function startWebApp(env: Record<string, string>, options: { port?: number; nodeArgs?: string[] } = {}): Promise<WebApp> {
  const dir = join(repoRoot(), "apps", "web");
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(join(dir, distDir, "BUILD_ID"))) throw new Error("apps/web is not built: run `npm run build -w @limelight/web` first");
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // `options.nodeArgs` (e.g. `--cpu-prof`, which NODE_OPTIONS refuses) run next's CLI under this Node with those flags.
  const next = join(repoRoot(), "node_modules", "next", "dist", "bin", "next");
  const proc = spawnLogged(process.execPath, [...(options.nodeArgs ?? []), next, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", LOCAL_ONLY: "true", NEXT_DIST_DIR: distDir, APP_URL: url, ...env },
  });
  try {
    await waitFor(async () => (await fetch(`${url}/api/health`)).ok, 60_000, 250, "web app");
  } catch (err) {
    // The server's own output says why (e.g. a configuration it refuses to start with).
    await proc.stop();
    throw new Error(`${(err as Error).message}\n--- web app output ---\n${proc.output()}`);
  }
  return { url, pid: proc.child.pid ?? 0, output: proc.output, stop: proc.stop };
}
