/**
 * .env.example lists every setting an operator can give Limelight: each key of
 * the apps' zod env schemas, each variable of infra/nginx/env.ts (the nginx CLI's schemas) and the
 * origin/edge scripts read, and each ${VAR} docker-compose.yml interpolates.
 * A setting added to one of them without a line in .env.example fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema as mediaEnvSchema } from "../../apps/media/src/env";
import { cliEnvSchemas } from "../nginx/env";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

/** Keys of the `z.object({...})` in an env.ts whose schema is not exported (two-space indented `NAME:` lines). */
function schemaKeysFromSource(path: string): string[] {
  const source = read(path);
  const start = source.indexOf("z.object({");
  const end = source.indexOf("\n});", start);
  if (start < 0 || end < 0) throw new Error(`${path}: no z.object({ ... }); found`);
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
}

/** Variables a shell script defaults with ${NAME:-...} or ${NAME-...}. */
function shellDefaults(path: string): string[] {
  return [...read(path).matchAll(/\$\{([A-Z][A-Z0-9_]*):?-/g)].map((m) => m[1]!);
}

/** Variables docker-compose.yml interpolates (${NAME}, ${NAME:-x}, ${NAME:?x}; $$ escapes excluded). */
function composeVariables(): string[] {
  return [...read("docker-compose.yml").matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
}

/** Names set (NAME=...) or shown commented out (# NAME=...) in .env.example. */
function exampleNames(): Set<string> {
  return new Set([...read(".env.example").matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

const sources: Record<string, string[]> = {
  "apps/web/src/env.ts": schemaKeysFromSource("apps/web/src/env.ts"),
  "apps/media/src/env.ts": Object.keys(mediaEnvSchema.shape),
  "apps/autoscaler/src/env.ts": schemaKeysFromSource("apps/autoscaler/src/env.ts"),
  "infra/nginx/env.ts": Object.values(cliEnvSchemas).flatMap((schema) => Object.keys(schema.shape)),
  "infra/scripts (origin, edge)": ["origin-start.sh", "edge-start.sh", "nginx-common.sh"].flatMap((f) => shellDefaults(`infra/scripts/${f}`)),
  "docker-compose.yml": composeVariables(),
};

describe(".env.example", () => {
  const listed = exampleNames();

  it.each(Object.entries(sources))("lists every setting of %s", (_source, names) => {
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !listed.has(name))).toEqual([]);
  });

  it("lists no setting that nothing reads", () => {
    const known = new Set(Object.values(sources).flat());
    expect([...listed].filter((name) => !known.has(name))).toEqual([]);
  });

  it("reads a schema from source exactly as zod sees it (checked on the media schema, which is exported)", () => {
    expect(schemaKeysFromSource("apps/media/src/env.ts").sort()).toEqual(Object.keys(mediaEnvSchema.shape).sort());
  });
});
