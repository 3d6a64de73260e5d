"use server";

import { revalidatePath } from "next/cache";
import { formFields, runAction, type ActionState } from "@/server/actions";
import { changeUserRole } from "@/server/accounts/change-user-role";
import { currentActor } from "@/server/auth/session";
import { db } from "@/server/db";

/** Role form on the users page (admins only): sets an account's role. */
export async function changeRoleAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const role = await changeUserRole(db(), await currentActor(), formFields(formData));
    revalidatePath("/admin/users");
    return `Role set to ${role}`;
  });
}
