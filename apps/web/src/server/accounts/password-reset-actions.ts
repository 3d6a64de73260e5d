"use server";

import { redirect } from "next/navigation";
import { env } from "../../env";
import { runAction, formFields, type ActionState } from "../actions";
import { db } from "../db";
import { logger } from "../logger";
import { mailer } from "../mail";
import type { PasswordResetDeps } from "./password-reset-deps";
import { requestPasswordReset } from "./request-password-reset";
import { resetPassword } from "./reset-password";

function deps(): PasswordResetDeps {
  return { db: db(), mailer: mailer(), appUrl: env().APP_URL, log: (message, fields) => logger().warn(fields ?? {}, message) };
}

/**
 * Forgot-password form action (`email`): answers "If an account exists for
 * that email, we sent a link..." for every well-formed address; shows
 * "Enter a valid email address" otherwise.
 */
export async function forgotPasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  return runAction(() => requestPasswordReset(deps(), { email: fields.email ?? "" }));
}

/**
 * Reset-password form action (`token`, `password`): sets the new password and
 * redirects to `/signin?reset=1`; shows the password rule or the link problem
 * ("...has expired. Request a new one.") otherwise.
 */
export async function resetPasswordAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const result = await runAction(async () => {
    await resetPassword(deps(), { token: fields.token ?? "", password: fields.password ?? "" });
  });
  if (result.error) return result;
  redirect("/signin?reset=1");
}
