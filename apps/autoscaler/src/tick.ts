/**
 * One reconciliation tick, then exit (cron, debugging, CI). Prints the
 * decision and what was done as JSON; does nothing while another autoscaler
 * holds the lease. Uses its own holder id (never the service's), so it cannot
 * take the lease from a running autoscaler. Exit code 1 when the tick failed.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "./env";
import { Lease } from "./fleet/lease";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

let lease!: Lease;
const { ctx, close } = buildContext(env(), (db) => (lease = new Lease(db, `${hostname()}/tick-${randomUUID()}`, 120_000)));
try {
  if (!(await lease.acquire())) {
    process.stdout.write(`${JSON.stringify({ skipped: "another autoscaler holds the lease" })}\n`);
  } else {
    lease.startRenewing();
    const { decision, journal } = await runTick(ctx);
    await lease.release();
    process.stdout.write(`${JSON.stringify({ reason: decision.reason, desired: decision.desired, inputs: decision.inputs, journal })}\n`);
  }
  await close();
} catch (err) {
  ctx.log.error({ err }, "tick failed");
  await lease.release().catch(() => undefined);
  await close();
  process.exit(1);
}
