/**
 * `npx tsx packages/db/src/seed/set-event-status.ts <DATABASE_URL> <slug> <live|ended>`:
 * marks a demo event live (so its recording may be published) or ended (now).
 * Used by infra/scripts/demo.sh to record the demo replay once. Exits 1 on
 * bad arguments or an unknown slug.
 */
import { createDb } from "../index";

const [url, slug, status] = process.argv.slice(2);
if (!url || !slug || (status !== "live" && status !== "ended")) {
  console.error("usage: set-event-status.ts <DATABASE_URL> <slug> <live|ended>");
  process.exit(1);
}
const db = createDb(url);
try {
  const now = new Date();
  const { count } = await db.event.updateMany({ where: { slug }, data: status === "live" ? { status, liveAt: now, endedAt: null } : { status, endedAt: now } });
  if (count === 0) {
    console.error(`no event with slug ${slug}`);
    process.exitCode = 1;
  }
} finally {
  await db.$disconnect();
}
