/**
 * Compiles the Node services that run outside Next.js into single ES module
 * files with esbuild, so their images run `node <service>.mjs` (no tsx, no
 * TypeScript at run time):
 *
 *   dist/media/main.mjs        apps/media/src/main.ts
 *   dist/autoscaler/main.mjs   apps/autoscaler/src/main.ts
 *   dist/origin/cli.mjs        infra/nginx/cli.ts (renders the origin's nginx.conf)
 *   dist/admin/create-admin.mjs apps/web/scripts/create-admin.ts (`npm run admin:create`)
 *
 * Every dependency is bundled except native modules (better-sqlite3), which
 * the images copy next to the bundle. Run from the repository root:
 * `node infra/docker/bundle.mjs`. Exits non-zero on a build error.
 * esbuild API: https://esbuild.github.io/api/
 */
import { build } from "esbuild";

/** Modules that load a native addon and therefore stay in node_modules. */
export const NATIVE_EXTERNALS = ["better-sqlite3"];

const entries = [
  { in: "apps/media/src/main.ts", out: "dist/media/main.mjs" },
  { in: "apps/autoscaler/src/main.ts", out: "dist/autoscaler/main.mjs" },
  { in: "infra/nginx/cli.ts", out: "dist/origin/cli.mjs" },
  { in: "apps/web/scripts/create-admin.ts", out: "dist/admin/create-admin.mjs" },
];

// CommonJS dependencies inside an ES module bundle still call require() and read __dirname.
const banner = [
  'import { createRequire as __llCreateRequire } from "node:module";',
  'import { fileURLToPath as __llFileURLToPath } from "node:url";',
  'import { dirname as __llDirname } from "node:path";',
  "const require = __llCreateRequire(import.meta.url);",
  "const __filename = __llFileURLToPath(import.meta.url);",
  "const __dirname = __llDirname(__filename);",
].join("\n");

for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    external: NATIVE_EXTERNALS,
    banner: { js: banner },
    legalComments: "none",
    logLevel: "warning",
  });
}
