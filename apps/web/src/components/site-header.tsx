import Link from "next/link";
import { currentActor } from "@/server/auth/session";
import { signOutAction } from "@/server/auth/actions";

/** The top navigation: links by role, and sign in/up or sign out. */
export async function SiteHeader() {
  const actor = await currentActor();
  return (
    <header className="site-header">
      <nav aria-label="Main">
        <Link href="/" className="brand">
          Limelight
        </Link>
        <Link href="/">Schedule</Link>
        {actor ? <Link href="/me/tickets">My tickets</Link> : null}
        {actor && (actor.role === "performer" || actor.role === "admin") ? <Link href="/performer">Performer</Link> : null}
        {actor?.role === "admin" ? <Link href="/admin/events">Admin</Link> : null}
        {actor?.role === "admin" ? <Link href="/admin/users">Accounts</Link> : null}
        {actor?.role === "admin" ? <Link href="/admin/fleet">Fleet</Link> : null}
        {actor?.role === "admin" ? <Link href="/admin/payouts">Payouts</Link> : null}
        {actor?.role === "performer" ? <Link href="/studio/settings">Payouts</Link> : null}
        <span className="spacer" />
        {actor ? (
          <form action={signOutAction}>
            <button type="submit" className="button link">
              Sign out
            </button>
          </form>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="button primary small">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
