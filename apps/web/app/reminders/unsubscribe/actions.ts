"use server";

import { env } from "@/env";
import { runAction, type ActionState } from "@/server/actions";
import { db } from "@/server/db";
import { unsubscribeFromReminders } from "@/server/reminders/unsubscribe";

/** The unsubscribe button: turns reminders off for the token's user (no sign-in). */
export async function unsubscribeAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const token = formData.get("token");
    await unsubscribeFromReminders(db(), typeof token === "string" ? token : "", env().REMINDER_TOKEN_SECRET);
    return "Done: you will get no more show reminders.";
  });
}
