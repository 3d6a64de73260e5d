/**
 * Database access for every app. `createDb(url)` returns a Prisma client for
 * SQLite (`file:` URLs, the embedded default, through better-sqlite3) or
 * PostgreSQL (`postgres://` / `postgresql://`, production, through pg).
 * Both generated clients come from one model (prisma/models.prisma), so the
 * SQLite client's types describe both.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

/** The Prisma client type used across Limelight (identical model on both providers). */
export type Db = SqliteClient;
export type * from "./generated/sqlite/models";
export { Prisma } from "./generated/sqlite/client";

/** Which SQL dialect a URL points at. Throws on any other scheme. */
export function providerOf(url: string): "sqlite" | "postgresql" {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  throw new Error("DATABASE_URL must start with file:, postgres:// or postgresql://");
}

/**
 * The provider each client of createDb was configured with (from its
 * DATABASE_URL). Kept on globalThis: a bundler (Next.js) may load this module
 * more than once in one process, and a client made by one copy is used by the
 * others.
 */
const providers: WeakMap<Db, "sqlite" | "postgresql"> = ((globalThis as { limelightDbProviders?: WeakMap<Db, "sqlite" | "postgresql"> }).limelightDbProviders ??= new WeakMap());

/**
 * The SQL dialect a client of createDb talks to: the provider of the URL it was
 * created with (providerOf), never Prisma internals. Throws for a client that
 * createDb did not make.
 */
export function providerOfDb(db: Db): "sqlite" | "postgresql" {
  const provider = providers.get(db);
  if (!provider) throw new Error("providerOfDb: this Prisma client was not made by createDb");
  return provider;
}

/**
 * Opens a client for `url`. SQLite runs with WAL and a 5 s busy timeout so
 * concurrent writers wait instead of failing. Throws on an unknown scheme.
 */
export function createDb(url: string, options: { poolSize?: number } = {}): Db {
  const provider = providerOf(url);
  let db: Db;
  if (provider === "sqlite") {
    const adapter = new PrismaBetterSqlite3({ url: url.slice("file:".length) }, { timestampFormat: "unixepoch-ms" });
    db = new SqliteClient({ adapter });
  } else {
    const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 });
    db = new PostgresClient({ adapter }) as unknown as Db;
  }
  providers.set(db, provider);
  return db;
}
