"use server";

import { AuthError } from "next-auth";
import { signUp } from "../accounts/sign-up";
import { runAction, formFields, safeNextPath, type ActionState } from "../actions";
import { db } from "../db";
import { signIn, signOut } from "./config";
import { throttleMessageOf } from "./sign-in-errors";

/**
 * Sign-in form action: checks email + password through Auth.js (Credentials)
 * and redirects to the form's `next` path. Wrong credentials → "Wrong email or
 * password"; too many recent failures for the email or the client IP → "Too
 * many sign-in attempts. Try again in N minutes." (password not checked).
 */
export async function signInAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  try {
    await signIn("credentials", { email: fields.email ?? "", password: fields.password ?? "", redirectTo: safeNextPath(fields.next) });
    return {};
  } catch (error) {
    const throttled = throttleMessageOf(error);
    if (throttled) return { error: throttled };
    if (error instanceof AuthError) return { error: "Wrong email or password" };
    return runAction(() => Promise.reject(error));
  }
}

/**
 * Sign-up form action: creates a viewer account (name, email, password ≥ 8
 * characters), signs it in and redirects to `next`. Shows validation and
 * "already exists" messages.
 */
export async function signUpAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const fields = formFields(formData);
  const result = await runAction(async () => {
    await signUp(db(), fields);
  });
  if (result.error) return result;
  try {
    await signIn("credentials", { email: fields.email ?? "", password: fields.password ?? "", redirectTo: safeNextPath(fields.next) });
    return {};
  } catch (error) {
    const throttled = throttleMessageOf(error);
    if (throttled) return { error: `Account created, but signing in is paused. ${throttled}` };
    if (error instanceof AuthError) return { error: "Account created, but signing in failed; try the sign-in page" };
    return runAction(() => Promise.reject(error));
  }
}

/** Sign-out action: clears the session cookie and returns to the schedule. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
