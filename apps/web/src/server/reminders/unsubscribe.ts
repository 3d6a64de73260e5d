import { AppError } from "@limelight/domain";
import { type Db } from "@limelight/db";
import { isUniqueViolation } from "../commerce/seats";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * Turns show reminders off for the user named by a signed unsubscribe token
 * (no sign-in needed). Idempotent. Throws AppError BAD_REQUEST for a token
 * that is malformed, not ours or names no account.
 */
export async function unsubscribeFromReminders(db: Db, token: string, secret: string): Promise<void> {
  const userId = verifyUnsubscribeToken(token, secret);
  if (!userId || !(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
    throw new AppError("BAD_REQUEST", "This unsubscribe link is not valid");
  }
  try {
    await db.reminderOptOut.create({ data: { userId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
