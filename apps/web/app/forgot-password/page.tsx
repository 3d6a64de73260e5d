import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { forgotPasswordAction } from "@/server/accounts/password-reset-actions";

/** Forgot-password page: asks for the account's email and mails a single-use reset link (same answer whether or not the account exists). */
export default function ForgotPasswordPage() {
  return (
    <main className="narrow">
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the email of your account. We will send you a link to choose a new password; it works once, within an hour.</p>
      <ActionForm action={forgotPasswordAction} submitLabel="Send reset link" pendingLabel="Sending…" ariaLabel="Forgot password">
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
      </ActionForm>
      <p>
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
