import { describe, expect, it } from "vitest";
import { decideReplayAccess, earliestEndWithOpenReplay, MAX_REPLAY_WINDOW_HOURS, openReplayUntil, replayAvailableUntil } from "./replay-access";

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

describe("open replays", () => {
  const now = endedAt.getTime() + 10 * hour;

  it("is open until the end of the window, closed from it", () => {
    expect(openReplayUntil(show, now)).toBe(endedAt.getTime() + 48 * hour);
    expect(openReplayUntil(show, endedAt.getTime() + 48 * hour - 1)).toBe(endedAt.getTime() + 48 * hour);
    expect(openReplayUntil(show, endedAt.getTime() + 48 * hour)).toBeNull();
    expect(openReplayUntil({ ...show, replayWindowHours: 0 }, now)).toBeNull();
    expect(openReplayUntil({ ...show, replayWindowHours: -1 }, now)).toBeNull();
  });

  it("a show ended before the earliest end has no open replay even with the longest window; one ended just after has", () => {
    const earliest = earliestEndWithOpenReplay(now);
    const longest = { ...show, replayWindowHours: MAX_REPLAY_WINDOW_HOURS };
    expect(openReplayUntil({ ...longest, endedAt: new Date(earliest) }, now)).toBeNull();
    expect(openReplayUntil({ ...longest, endedAt: new Date(earliest + 1) }, now)).toBe(now + 1);
  });

  it("tells the viewer why there is no replay", () => {
    const message = (event: typeof show, at: number) => {
      try {
        decideReplayAccess(viewer, event, [{ id: "t1", status: "valid" }], at);
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(message({ ...show, replayWindowHours: 0 }, now)).toBe("This show has ended and has no replay");
    expect(message(show, endedAt.getTime() + 48 * hour)).toBe("The replay of this show is no longer available");
    expect(message(show, endedAt.getTime() + 48 * hour - 1)).toBeNull();
    expect(() => decideReplayAccess(viewer, show, [], now)).toThrow("You need a ticket to watch this replay");
  });
});
