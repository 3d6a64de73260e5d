/**
 * GET /studio/settings/connect: the refresh URL of Stripe's Account Links
 * (Stripe sends the performer here when their onboarding link expired or was
 * used): makes a fresh link and redirects to it (303). Signed out → sign-in
 * page; not a performer or Stripe unreachable → back to the settings page with an error.
 */
import { NextResponse } from "next/server";
import { isAppError } from "@limelight/domain";
import { env } from "@/env";
import { currentActor, signInUrl } from "@/server/auth/session";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { payouts } from "@/server/payouts";
import { startOnboarding } from "@/server/payouts/connect-account";

/** Node.js runtime, never cached. */
export const dynamic = "force-dynamic";

/** The GET handler described above. */
export async function GET(): Promise<Response> {
  const base = env().APP_URL;
  const actor = await currentActor();
  if (!actor) return NextResponse.redirect(new URL(signInUrl("/studio/settings"), base), 303);
  const deps = payouts();
  try {
    const user = await db().user.findUnique({ where: { id: actor.userId }, select: { email: true } });
    const { url } = await startOnboarding(deps, { actor, email: user?.email ?? "" });
    return NextResponse.redirect(url, 303);
  } catch (error) {
    if (!isAppError(error)) logger().error({ err: error }, "onboarding link failed");
    return NextResponse.redirect(new URL("/studio/settings?connect=failed", base), 303);
  }
}
