import { connection } from "next/server";
import { commerce } from "@/server/commerce";

/**
 * A strip above every page (root layout, so the admin too) while payments run
 * in test mode (PAYMENTS_MODE=test, no Stripe key): visitors and operators
 * see that no real card is charged and tickets are test tickets. Rendered per
 * request (`connection()`), so an image built without keys never bakes it in
 * or out. A note, not a live region (`role="status"` is kept for the page's
 * own messages).
 */
export async function TestModeBanner() {
  await connection();
  if (!commerce().testMode) return null;
  return (
    <div className="test-mode-banner" role="note" aria-label="Test mode">
      <strong>Test mode</strong>: payments are simulated and no card is charged; tickets bought now are test tickets.
    </div>
  );
}
