import { ROLES } from "@limelight/domain";
import { ActionForm } from "@/components/action-form";
import { LocalTime } from "@/components/local-time";
import { listUsers } from "@/server/accounts/change-user-role";
import { requirePageActor } from "@/server/auth/session";
import { db } from "@/server/db";
import { changeRoleAction } from "./actions";

/** Rendered per request: the page depends on the session and live data. */
export const dynamic = "force-dynamic";

/** Admin: accounts with their roles; promote viewers to performers (or admins). Admins only. */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(["admin"], "/admin/users");
  const q = (await searchParams).q;
  const query = typeof q === "string" ? q : "";
  const users = await listUsers(db(), actor, query);
  return (
    <main>
      <h1>Accounts</h1>
      <form className="form inline" role="search" aria-label="Find accounts">
        <label>
          Email or name
          <input name="q" defaultValue={query} />
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Joined</th>
            <th>Role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.userId}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td><LocalTime iso={u.createdAt.toISOString()} /></td>
              <td>
                {u.userId === actor.userId ? (
                  <span>{u.role} (you)</span>
                ) : (
                  <ActionForm action={changeRoleAction} submitLabel="Set role" className="form inline" submitClassName="button small" ariaLabel={`Role of ${u.email}`}>
                    <input type="hidden" name="userId" value={u.userId} />
                    <select name="role" defaultValue={u.role} aria-label={`Role for ${u.email}`}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
