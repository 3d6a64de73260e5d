import { ActionForm } from "@/components/action-form";
import { unsubscribeAction } from "./actions";

/** Rendered per request (the token comes in the query). */
export const dynamic = "force-dynamic";

/**
 * The link in every reminder mail. Opening it changes nothing (mail scanners
 * open links); the button does, without signing in (the token is signed).
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main>
      <h1>Show reminders</h1>
      <p>Stop the e-mails we send before your shows start (a day before, 15 minutes before, and when they go live)?</p>
      <ActionForm action={unsubscribeAction} submitLabel="Unsubscribe from reminders" pendingLabel="Unsubscribing…" ariaLabel="Unsubscribe">
        <input type="hidden" name="token" value={token ?? ""} />
      </ActionForm>
    </main>
  );
}
