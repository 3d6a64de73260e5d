import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { signUpAction } from "@/server/auth/actions";
import { safeNextPath } from "@/server/actions";

/** Sign-up page: creates a viewer account and signs it in. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <main className="narrow">
      <h1>Create your account</h1>
      <ActionForm action={signUpAction} submitLabel="Sign up" pendingLabel="Creating account…" ariaLabel="Sign up">
        <input type="hidden" name="next" value={next} />
        <label>
          Name
          <input name="name" autoComplete="name" required maxLength={80} />
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" required minLength={8} />
          <small className="muted">At least 8 characters</small>
        </label>
      </ActionForm>
      <p>
        Already have an account? <Link href={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>
      </p>
    </main>
  );
}
