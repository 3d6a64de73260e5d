import { describe, expect, it } from "vitest";
import type { Actor } from "../roles";
import { canOpenStudio } from "./can-open-studio";
import { canViewEvent } from "./can-view-event";
import { decideShowAccess, EARLY_ACCESS_MS } from "./show-access";

const admin: Actor = { userId: "admin", role: "admin" };
const alice: Actor = { userId: "alice", role: "performer" };
const bob: Actor = { userId: "bob", role: "performer" };
const viewer: Actor = { userId: "vera", role: "viewer" };
const now = Date.UTC(2026, 10, 21, 18, 0);

describe("canOpenStudio", () => {
  const event = { hostUserIds: ["alice"], status: "on_sale" };
  it.each([
    ["the host performer", alice, event, true],
    ["another performer", bob, event, false],
    ["a viewer", viewer, event, false],
    ["an admin", admin, event, true],
    ["nobody signed in", null, event, false],
    ["the host of a cancelled show", alice, { ...event, status: "cancelled" }, false],
  ])("%s → %s", (_label, actor, ev, allowed) => {
    expect(canOpenStudio(actor, ev)).toBe(allowed);
  });
});

describe("canViewEvent", () => {
  it.each([
    ["on_sale", null, true],
    ["draft", null, false],
    ["draft", viewer, false],
    ["draft", alice, true],
    ["draft", bob, false],
    ["draft", admin, true],
  ])("%s event seen by %o → %s", (status, actor, allowed) => {
    expect(canViewEvent(actor, { status, hostUserIds: ["alice"] })).toBe(allowed);
  });
});

describe("decideShowAccess", () => {
  const live = { status: "live", startsAt: new Date(now - 60_000), hostUserIds: ["alice"] };
  const valid = [{ id: "t1", status: "valid" }];
  it.each([
    ["ticket holder, live show", viewer, live, valid, { role: "viewer", ticketId: "t1" }],
    ["host, live show", alice, live, [], { role: "host", ticketId: null }],
    ["admin, live show", admin, live, [], { role: "admin", ticketId: null }],
    ["host, on sale", alice, { ...live, status: "on_sale" }, [], { role: "host", ticketId: null }],
    [
      "ticket holder, about to start",
      viewer,
      { ...live, status: "on_sale", startsAt: new Date(now + EARLY_ACCESS_MS - 1000) },
      valid,
      { role: "viewer", ticketId: "t1" },
    ],
  ])("%s → granted", (_label, actor, event, tickets, grant) => {
    expect(decideShowAccess(actor, event, tickets, now)).toEqual(grant);
  });

  it.each([
    ["signed out", null, live, valid, "UNAUTHENTICATED"],
    ["no ticket", viewer, live, [], "FORBIDDEN"],
    ["refunded ticket", viewer, live, [{ id: "t1", status: "refunded" }], "FORBIDDEN"],
    ["another performer without ticket", bob, live, [], "FORBIDDEN"],
    ["ticket, show hours away", viewer, { ...live, status: "on_sale", startsAt: new Date(now + 3_600_000) }, valid, "EVENT_NOT_LIVE"],
    ["ticket, show ended", viewer, { ...live, status: "ended" }, valid, "EVENT_NOT_LIVE"],
    ["admin, cancelled show", admin, { ...live, status: "cancelled" }, [], "FORBIDDEN"],
  ])("%s → %s", (_label, actor, event, tickets, code) => {
    expect(() => decideShowAccess(actor, event, tickets, now)).toThrow(expect.objectContaining({ code }));
  });
});

describe("decideShowAccess: boundaries and what the viewer is told", () => {
  const onSale = (startsAt: number) => ({ status: "on_sale", startsAt: new Date(startsAt), hostUserIds: ["alice"] });
  const refusal = (actor: Actor | null, event: Parameters<typeof decideShowAccess>[1], tickets: { id: string; status: string }[]) => {
    try {
      decideShowAccess(actor, event, tickets, now);
    } catch (error) {
      return error;
    }
    return null;
  };

  it("opens to ticket holders exactly 15 minutes before the start, not a millisecond earlier", () => {
    expect(EARLY_ACCESS_MS).toBe(15 * 60_000);
    expect(decideShowAccess(viewer, onSale(now + EARLY_ACCESS_MS), [{ id: "t1", status: "valid" }], now)).toEqual({ role: "viewer", ticketId: "t1" });
    expect(refusal(viewer, onSale(now + EARLY_ACCESS_MS + 1), [{ id: "t1", status: "valid" }])).toMatchObject({
      code: "EVENT_NOT_LIVE",
      message: "This show has not started yet",
    });
  });

  it("uses the valid ticket among refunded ones, and refuses a draft even to a ticket holder", () => {
    const tickets = [
      { id: "old", status: "refunded" },
      { id: "new", status: "valid" },
    ];
    expect(decideShowAccess(viewer, { ...onSale(now), status: "live" }, tickets, now)).toEqual({ role: "viewer", ticketId: "new" });
    expect(refusal(viewer, { ...onSale(now), status: "draft" }, tickets)).toMatchObject({ code: "EVENT_NOT_LIVE", message: "This show has not started yet" });
  });

  it("tells each refused person why", () => {
    const live = { ...onSale(now - 60_000), status: "live" };
    expect(refusal(null, live, [])).toMatchObject({ code: "UNAUTHENTICATED", message: "Sign in to continue" });
    expect(refusal(alice, { ...live, status: "cancelled" }, [])).toMatchObject({ code: "FORBIDDEN", message: "This show was cancelled" });
    expect(refusal(alice, { ...live, status: "ended" }, [])).toMatchObject({ code: "EVENT_NOT_LIVE", message: "This show has ended" });
    expect(refusal(viewer, { ...live, status: "ended" }, [{ id: "t1", status: "valid" }])).toMatchObject({ code: "EVENT_NOT_LIVE", message: "This show has ended" });
    expect(refusal(viewer, live, [{ id: "t1", status: "revoked" }])).toMatchObject({ code: "FORBIDDEN", message: "You need a ticket to watch this show" });
  });

  it("lets an admin into an ended show (to review it) but not a host", () => {
    const ended = { ...onSale(now - 3_600_000), status: "ended" };
    expect(decideShowAccess(admin, ended, [], now)).toEqual({ role: "admin", ticketId: null });
    expect(refusal(alice, ended, [])).not.toBeNull();
  });
});

describe("canViewEvent for every public status", () => {
  it.each(["on_sale", "live", "ended", "cancelled"])("a signed-out visitor sees a %s event", (status) => {
    expect(canViewEvent(null, { status, hostUserIds: [] })).toBe(true);
  });
  it("a draft stays hidden from a signed-out visitor and from unknown statuses' visitors", () => {
    expect(canViewEvent(undefined, { status: "draft", hostUserIds: ["alice"] })).toBe(false);
    expect(canViewEvent(viewer, { status: "archived", hostUserIds: ["alice"] })).toBe(false);
  });
});
