import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { signInAction } from "@/server/auth/actions";
import { signInRedirectMessage } from "@/server/auth/sign-in-messages";
import { safeNextPath } from "@/server/actions";

/**
 * Sign-in page: email + password; `?next=` is where to go afterwards. Errors
 * of the form (wrong password, too many attempts) come from its action; an
 * Auth.js redirect here (`?error=CredentialsSignin&code=...`) is shown above it;
 * `?reset=1` (after a password reset) shows that the password was changed.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const redirectError = signInRedirectMessage(params.error, params.code);
  const passwordReset = params.reset === "1";
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      {passwordReset ? (
        <p role="status" className="success">
          Your password was changed. Sign in with your new password.
        </p>
      ) : null}
      {redirectError ? (
        <p role="alert" className="error">
          {redirectError}
        </p>
      ) : null}
      <ActionForm action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…" ariaLabel="Sign in">
        <input type="hidden" name="next" value={next} />
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
      </ActionForm>
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
      </p>
    </main>
  );
}
