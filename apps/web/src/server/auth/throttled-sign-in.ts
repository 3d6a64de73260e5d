/**
 * Sign-in with throttling of repeated failures, shared by every web process
 * through the SignInFailure table. The rule (how many failures, how long a
 * lock lasts) is `assertSignInAllowed` in @limelight/domain/accounts/sign-in-throttle.
 *
 * Each attempt first records itself as a failure row, then counts the other
 * rows of its email and of its IP, and only then checks the password. So
 * concurrent attempts (on one process or many) see each other and at most
 * `maxFailures` passwords are checked per window, however many requests race.
 * A refused attempt removes its row (a lock does not extend itself); a
 * successful one removes all rows of its email; a wrong password keeps its row.
 */
import type { Db } from "@limelight/db";
import {
  assertSignInAllowed,
  DEFAULT_SIGN_IN_LIMITS,
  signInFailuresPrunableBefore,
  type SignInThrottleLimits,
} from "@limelight/domain/accounts/sign-in-throttle";
import { authenticate, signInSchema, type AuthenticatedUser } from "./credentials";

/** Where an attempt comes from and when: client IP ("unknown" when not known), `now` (defaults to the current time). */
export interface SignInContext {
  ip: string;
  now?: Date;
  limits?: SignInThrottleLimits;
}

/**
 * Checks email + password (`input`: `{email, password}` as typed) unless the
 * email or the client IP has too many recent failures. Returns the user, or
 * null for malformed input, an unknown email or a wrong password (each such
 * failure is recorded; unknown emails too, so a lock does not reveal whether
 * an account exists). Throws AppError RATE_LIMITED ("Too many sign-in
 * attempts. Try again in N minutes.", details `{retryAfterMs, lockedUntil,
 * scope}`) without checking the password while locked. Also deletes failure
 * rows older than the longest window. Database errors propagate.
 */
export async function signInWithThrottle(db: Db, input: unknown, context: SignInContext): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email } = parsed.data;
  const { ip } = context;
  const now = context.now ?? new Date();
  const limits = context.limits ?? DEFAULT_SIGN_IN_LIMITS;

  await db.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(signInFailuresPrunableBefore(now.getTime(), limits)) } } });
  const attempt = await db.signInFailure.create({ data: { email, ip, createdAt: now }, select: { id: true } });
  try {
    const [emailRows, ipRows] = await Promise.all([
      db.signInFailure.findMany({
        where: { email, id: { not: attempt.id }, createdAt: { gt: new Date(now.getTime() - limits.perEmail.windowMs) } },
        select: { createdAt: true },
      }),
      db.signInFailure.findMany({
        where: { ip, id: { not: attempt.id }, createdAt: { gt: new Date(now.getTime() - limits.perIp.windowMs) } },
        select: { createdAt: true },
      }),
    ]);
    assertSignInAllowed(
      { emailFailures: emailRows.map((r) => r.createdAt.getTime()), ipFailures: ipRows.map((r) => r.createdAt.getTime()) },
      now.getTime(),
      limits,
    );
  } catch (error) {
    await db.signInFailure.deleteMany({ where: { id: attempt.id } });
    throw error;
  }

  let user: AuthenticatedUser | null;
  try {
    user = await authenticate(db, parsed.data);
  } catch (error) {
    await db.signInFailure.deleteMany({ where: { id: attempt.id } });
    throw error;
  }
  if (user) await db.signInFailure.deleteMany({ where: { email } });
  return user;
}
