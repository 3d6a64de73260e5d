/**
 * One reconciliation tick, then exit (cron, debugging, CI). Prints the
 * decision and what was done as JSON. Exit code 1 when the tick failed.
 */
import { env } from "./env";
import { runTick } from "./reconcile/run-tick";
import { buildContext } from "./wire";

const { ctx, close } = buildContext(env());
try {
  const { decision, journal } = await runTick(ctx);
  process.stdout.write(`${JSON.stringify({ reason: decision.reason, desired: decision.desired, inputs: decision.inputs, journal })}\n`);
  await close();
} catch (err) {
  ctx.log.error({ err }, "tick failed");
  await close();
  process.exit(1);
}
