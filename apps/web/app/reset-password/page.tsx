import Link from "next/link";
import { passwordResetLinkError } from "@limelight/domain/accounts/password-reset";
import { ActionForm } from "@/components/action-form";
import { checkPasswordResetLink } from "@/server/accounts/check-password-reset-link";
import { resetPasswordAction } from "@/server/accounts/password-reset-actions";
import { db } from "@/server/db";

/** Rendered per request: whether the link still works depends on the database. */
export const dynamic = "force-dynamic";

/**
 * Reset-password page for the mailed link `?token=...`: a new-password form
 * while the link is usable; otherwise why not (unknown, expired, used) and a
 * link to request a new one.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : undefined;
  const problem = await checkPasswordResetLink(db(), token);
  return (
    <main className="narrow">
      <h1>Choose a new password</h1>
      {problem ? (
        <p role="alert" className="error">
          {passwordResetLinkError(problem).message}
        </p>
      ) : (
        <ActionForm action={resetPasswordAction} submitLabel="Set new password" pendingLabel="Saving…" ariaLabel="Reset password">
          <input type="hidden" name="token" value={token} />
          <label>
            New password
            <input name="password" type="password" autoComplete="new-password" required minLength={8} />
            <small className="muted">At least 8 characters</small>
          </label>
        </ActionForm>
      )}
      <p>
        <Link href="/forgot-password">Request a new reset link</Link>
      </p>
    </main>
  );
}
