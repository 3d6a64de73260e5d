import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths";

/**
 * The SQL of every committed Prisma migration for `provider`, in order, one
 * string per migration file. Tests apply these directly so that a test run
 * uses exactly the migrations a deployment runs with `prisma migrate deploy`.
 */
export function migrationStatements(provider: "sqlite" | "postgres"): string[] {
  const dir = join(repoRoot(), "prisma", provider, "migrations");
  if (!existsSync(dir)) throw new Error(`no migrations in ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, "migration.sql"), "utf8"));
}
