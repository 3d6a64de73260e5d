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
