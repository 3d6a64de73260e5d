import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  // A self-contained server (.next/standalone/apps/web/server.js + the node_modules it traces) that the
  // web image runs with `node`; tracing starts at the monorepo root so workspace packages are included.
  output: "standalone",
  outputFileTracingRoot: fileURLToPath(new URL("../..", import.meta.url)),
  transpilePackages: ["@limelight/config", "@limelight/domain", "@limelight/db", "@limelight/access-token", "@limelight/contracts", "@limelight/edge-token"],
  serverExternalPackages: ["better-sqlite3", "pino", "pg"],
  // Helpers and parallel test runs may build into their own folder (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // No gzip in Node: Caddy compresses in front of the app (infra/caddy/Caddyfile `encode gzip`), and the
  // on-sale rush spent about 3 % of the server's CPU compressing small JSON replies.
  // https://nextjs.org/docs/app/api-reference/config/next-config-js/compress
  compress: false,
  typescript: { ignoreBuildErrors: true }, // typecheck runs separately in `npm run typecheck`
  // forbidden() renders app/forbidden.tsx with HTTP 403 (role checks on pages).
  // serverActions.bodySizeLimit: bodies past 1 MB are refused with 413 JSON by proxy.ts before Next.js reads them.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "1mb" } },
};

export default config;
