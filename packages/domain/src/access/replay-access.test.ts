import { describe, expect, it } from "vitest";
import { decideReplayAccess, replayAvailableUntil } from "./replay-access";

const endedAt = new Date("2031-03-07T22:00:00Z");
const show = { status: "ended", endedAt, replayWindowHours: 48, hostUserIds: ["host-1"] };
const hour = 3_600_000;
const viewer = { userId: "fan", role: "viewer" as const };

describe("replay access", () => {
  it("lets a ticket holder watch the replay until the window closes", () => {
    expect(replayAvailableUntil(show)).toBe(endedAt.getTime() + 48 * hour);
    expect(decideReplayAccess(viewer, show, [{ id: "t1", status: "valid" }], endedAt.getTime() + 47 * hour)).toEqual({
      role: "viewer",
      ticketId: "t1",
      availableUntil: endedAt.getTime() + 48 * hour,
    });
  });

  it("says the replay expired (410) once the window is over", () => {
    expect(() => decideReplayAccess(viewer, show, [{ id: "t1", status: "valid" }], endedAt.getTime() + 48 * hour)).toThrow(
      expect.objectContaining({ code: "REPLAY_EXPIRED", status: 410 }),
    );
  });

  it("refuses people without a valid ticket, but lets the show's hosts and admins in", () => {
    expect(() => decideReplayAccess(viewer, show, [{ id: "t1", status: "refunded" }], endedAt.getTime())).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(decideReplayAccess({ userId: "host-1", role: "performer" }, show, [], endedAt.getTime()).role).toBe("host");
    expect(decideReplayAccess({ userId: "boss", role: "admin" }, show, [], endedAt.getTime()).role).toBe("admin");
    expect(() => decideReplayAccess(null, show, [], endedAt.getTime())).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  it.each([
    ["a show without a replay window", { ...show, replayWindowHours: 0 }],
    ["a show that never went live", { ...show, endedAt: null }],
    ["a show that has not ended", { ...show, status: "live" }],
    ["a cancelled show", { ...show, status: "cancelled" }],
  ])("has no replay for %s", (_label, event) => {
    expect(replayAvailableUntil(event)).toBeNull();
    expect(() => decideReplayAccess(viewer, event, [{ id: "t1", status: "valid" }], endedAt.getTime())).toThrow(expect.objectContaining({ code: "REPLAY_UNAVAILABLE" }));
  });
});
