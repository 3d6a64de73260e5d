import { execFileSync } from "node:child_process";
import { mkdtempSync, chmodSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, waitFor } from "./ports";
import { spawnLogged, type Spawned } from "./processes";
import { migrationStatements } from "./migrations";

/** A throw-away PostgreSQL 15 cluster on loopback. */
export interface PostgresServer {
  port: number;
  /** Admin URL (database "postgres"). */
  url: string;
  /** Creates a new database with Limelight's migrations applied; returns its URL. */
  createDatabase: (name?: string) => Promise<string>;
  stop: () => Promise<void>;
}

function pgBin(): string {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const version = readdirSync(base).sort().at(-1);
  if (!version) throw new Error("no PostgreSQL version under /usr/lib/postgresql");
  return join(base, version, "bin");
}

/** Runs as the unprivileged "postgres" user when we are root (initdb refuses root). */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", cmd, ...args]];
  return [cmd, args];
}

/**
 * Starts a fresh cluster (initdb + postgres) in a temporary folder on a free
 * port, trust auth on 127.0.0.1. Throws when PostgreSQL is missing or does not
 * start within 30 s.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), "limelight-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const port = await freePort();
  const [initCmd, initArgs] = asPostgres(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const [cmd, args] = asPostgres(join(bin, "postgres"), [
    "-D", data, "-p", String(port), "-k", dir, "-h", "127.0.0.1",
    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400",
  ]);
  const proc: Spawned = spawnLogged(cmd, args);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await waitFor(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.end();
    return true;
  }, 30_000, 200, `postgres on ${port}: ${proc.output()}`);
  let counter = 0;
  return {
    port,
    url,
    async createDatabase(name) {
      const db = name ?? `t_${process.pid}_${Date.now()}_${counter++}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${db}"`);
      await admin.end();
      const dbUrl = `postgresql://postgres@127.0.0.1:${port}/${db}`;
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      for (const sql of migrationStatements("postgres")) await client.query(sql);
      await client.end();
      return dbUrl;
    },
    async stop() {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
