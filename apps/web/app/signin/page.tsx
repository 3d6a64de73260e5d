import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { signInAction } from "@/server/auth/actions";
import { safeNextPath } from "@/server/actions";

/** Sign-in page: email + password; `?next=` is where to go afterwards. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <main className="narrow">
      <h1>Sign in</h1>
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
        New here? <Link href={`/signup?next=${encodeURIComponent(next)}`}>Create an account</Link>
      </p>
    </main>
  );
}
