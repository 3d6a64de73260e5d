import { NextResponse } from "next/server";
import type { HealthReply } from "@limelight/contracts";
import { db } from "@/server/db";

/** Longest wait for the database's answer, ms: a health check must be cheap and never hang. */
const DB_TIMEOUT_MS = 2_000;

/**
 * GET /api/health → 200 `{ok:true, database:"up"}` when the database answers
 * `SELECT 1` within 2 s, else 503 `{ok:false, database:"down"}` (Compose's
 * health check and load balancers take the instance out). Contract:
 * healthReplySchema of @limelight/contracts.
 */
export async function GET(): Promise<NextResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database timeout")), DB_TIMEOUT_MS);
  });
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, timeout]);
    return NextResponse.json({ ok: true, database: "up" } satisfies HealthReply, { headers: { "cache-control": "no-store" } });
  } catch {
    return NextResponse.json({ ok: false, database: "down" } satisfies HealthReply, { status: 503, headers: { "cache-control": "no-store" } });
  } finally {
    clearTimeout(timer);
  }
}
