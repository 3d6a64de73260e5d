import { formatMoney } from "@limelight/domain/events/money";
import { LocalTime } from "@/components/local-time";
import { requirePageActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { loadFleet } from "./load-fleet";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** Edge costs are in US dollars (Vultr bills in USD). */
function cents(value: number): string {
  return formatMoney(value, "usd");
}

/**
 * Admin: the HLS edge fleet the autoscaler runs (status, viewers, cost so far)
 * and its latest scaling decisions with their inputs. Admins only (403 otherwise).
 */
export default async function AdminFleetPage() {
  await requirePageActor(["admin"], "/admin/fleet");
  const fleet = await loadFleet(db(), new Date());
  const live = fleet.edges.filter((e) => e.status !== "deleted");
  return (
    <main>
      <h1>Edge fleet</h1>
      <section className="panel" aria-labelledby="cost-heading">
        <h2 id="cost-heading">Cost</h2>
        <table aria-label="Fleet cost">
          <tbody>
            <tr>
              <th>Billed edges now</th>
              <td className="num">{fleet.last24h.billedEdges}</td>
            </tr>
            <tr>
              <th>Cost per hour now</th>
              <td className="num">{cents(fleet.last24h.costPerHourCents)}</td>
            </tr>
            <tr>
              <th>Cost so far, last 24 hours</th>
              <td className="num">
                {cents(fleet.last24h.costSinceCents)} ({fleet.last24h.edgeHours.toFixed(1)} edge-hours)
              </td>
            </tr>
            <tr>
              <th>Cost so far, last 30 days</th>
              <td className="num">
                {cents(fleet.last30d.costSinceCents)} ({fleet.last30d.edgeHours.toFixed(1)} edge-hours)
              </td>
            </tr>
          </tbody>
        </table>
        <p className="muted">Hourly billing: monthly price ÷ 672 per started hour, minimum one hour per edge.</p>
      </section>

      <section aria-labelledby="edges-heading">
        <h2 id="edges-heading">Edges ({live.length} running or pending)</h2>
        {fleet.edges.length === 0 ? (
          <p className="muted">No edges in the last 30 days.</p>
        ) : (
          <table aria-label="Edges">
            <thead>
              <tr>
                <th>Label</th>
                <th>Provider</th>
                <th>Status</th>
                <th className="num">Viewers</th>
                <th>Address</th>
                <th>Created</th>
                <th>Ready</th>
                <th>Deleted</th>
              </tr>
            </thead>
            <tbody>
              {fleet.edges.map((e) => (
                <tr key={e.id}>
                  <td>{e.label}</td>
                  <td>
                    {e.provider} · {e.region} · {e.plan}
                  </td>
                  <td>
                    <span className={`badge edge-${e.status}`}>{e.status}</span>
                  </td>
                  <td className="num">{e.viewers}</td>
                  <td>{e.baseUrl ?? "—"}</td>
                  <td><LocalTime iso={e.createdAt.toISOString()} /></td>
                  <td>{e.readyAt ? <LocalTime iso={e.readyAt.toISOString()} /> : "—"}</td>
                  <td>{e.deletedAt ? <LocalTime iso={e.deletedAt.toISOString()} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Recent decisions</h2>
        {fleet.decisions.length === 0 ? (
          <p className="muted">The autoscaler has not decided anything yet.</p>
        ) : (
          <table aria-label="Scaling decisions">
            <thead>
              <tr>
                <th>At</th>
                <th>Reason</th>
                <th className="num">Edge viewers</th>
                <th className="num">Desired</th>
                <th className="num">Ready</th>
                <th className="num">Draining</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {fleet.decisions.map((d) => (
                <tr key={d.id}>
                  <td><LocalTime iso={d.at.toISOString()} /></td>
                  <td>{d.reason}</td>
                  <td className="num">{d.edgeViewers ?? "—"}</td>
                  <td className="num">{d.desired}</td>
                  <td className="num">{d.ready}</td>
                  <td className="num">{d.draining}</td>
                  <td>{d.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
