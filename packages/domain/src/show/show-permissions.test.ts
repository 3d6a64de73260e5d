import { describe, expect, it } from "vitest";
import { mayInShow, requireOpenable, requireShowAction, requireWatchableTicket, type ShowAction, type ShowParticipantRole } from "./show-permissions";

/** Who may do what in a show, written out role by role. */
const TABLE: Record<ShowAction, ShowParticipantRole[]> = {
  publish: ["host"],
  open: ["host", "admin"],
  end: ["host", "admin"],
  watch: ["viewer", "host", "admin"],
  "manage-videos": ["host", "admin"],
  chat: ["viewer", "host", "admin"],
  moderate: ["host", "admin"],
};
const ROLES: ShowParticipantRole[] = ["viewer", "host", "admin"];
const cases = (Object.keys(TABLE) as ShowAction[]).flatMap((action) => ROLES.map((role) => [role, action] as const));

describe("show permissions", () => {
  it.each(cases)("a %s may %s only when the table says so", (role, action) => {
    const allowed = TABLE[action].includes(role);
    expect(mayInShow(role, action)).toBe(allowed);
    if (allowed) expect(() => requireShowAction(role, action)).not.toThrow();
    else expect(() => requireShowAction(role, action)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("names the refused action in words", () => {
    expect(() => requireShowAction("viewer", "manage-videos")).toThrow("A viewer may not manage videos in this show");
  });

  it("admits a viewer with a valid ticket of this show only, and says why not", () => {
    expect(() => requireWatchableTicket({ eventId: "e1", status: "valid" }, "e1")).not.toThrow();
    expect(() => requireWatchableTicket(null, "e1")).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: "No ticket for this show" }));
    expect(() => requireWatchableTicket({ eventId: "e2", status: "valid" }, "e1")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireWatchableTicket({ eventId: "e1", status: "refunded" }, "e1")).toThrow(expect.objectContaining({ code: "PAYMENT_REQUIRED", message: "Your ticket is refunded" }));
  });

  it("opens a show that is on sale or live, never a draft, an ended or a cancelled one", () => {
    for (const status of ["on_sale", "live"]) expect(() => requireOpenable(status)).not.toThrow();
    for (const status of ["draft", "ended", "cancelled"]) {
      expect(() => requireOpenable(status)).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION", message: `An event that is ${status} cannot go live` }));
    }
  });
});
