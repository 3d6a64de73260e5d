import { EVENT_STATUS_LABEL, type EventStatus } from "@limelight/domain/events/status";

/** A coloured pill with the event status ("Live now", "On sale", ...). */
export function StatusBadge({ status }: { status: EventStatus }) {
  return <span className={`badge status-${status}`}>{EVENT_STATUS_LABEL[status] ?? status}</span>;
}

/** The "Test mode" pill shown on every payment screen when no Stripe keys are configured. */
export function TestModeBadge() {
  return (
    <span className="badge test-mode" title="Payments are simulated locally; no card is charged">
      Test mode
    </span>
  );
}
