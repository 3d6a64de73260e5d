/**
 * One reconciliation tick, then exit (cron, debugging, CI). Prints the
 * decision and what was done as JSON; does nothing while another autoscaler
 * holds the lease. Exit code 1 when the tick failed.
 */
import { randomBytes } from "node:crypto";
import { env } from "./env";
import { acquireLease, releaseLease } from "./fleet/lease";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

const { ctx, close } = buildContext(env());
const holder = `tick:${process.pid}:${randomBytes(4).toString("hex")}`;
try {
  if (!(await acquireLease(ctx.db, holder, 120_000, Date.now()))) {
    process.stdout.write(`${JSON.stringify({ skipped: "another autoscaler holds the lease" })}\n`);
  } else {
    ctx.renewLease = () => acquireLease(ctx.db, holder, 120_000, Date.now());
    const { decision, journal } = await runTick(ctx);
    await releaseLease(ctx.db, holder);
    process.stdout.write(`${JSON.stringify({ reason: decision.reason, desired: decision.desired, inputs: decision.inputs, journal })}\n`);
  }
  await close();
} catch (err) {
  ctx.log.error({ err }, "tick failed");
  await close();
  process.exit(1);
}
