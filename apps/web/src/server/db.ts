import { createDb, type Db } from "@limelight/db";
import { env } from "../env";

const holder = globalThis as unknown as { limelightDb?: Db };

/** The process-wide Prisma client for DATABASE_URL (one per server process). */
export function db(): Db {
  holder.limelightDb ??= createDb(env().DATABASE_URL, { poolSize: env().DATABASE_POOL_SIZE });
  return holder.limelightDb;
}
