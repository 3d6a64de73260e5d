import { describe, expect, it } from "vitest";
import { assignHostSlot, MAX_HOSTS } from "./host-slots";
import { mayInShow, requireOpenable, requireWatchableTicket, type ShowAction, type ShowParticipantRole } from "./show-permissions";
import { resolveInjectableUri } from "./media-uri";
import { encoderPresence, shouldEndEmptyShow } from "./show-timing";
import { goLiveWindow, requireGoLiveWindow } from "./go-live-window";

const GRACE = 30_000;

describe("host slots", () => {
  const held = (slots: number[], droppedAt: number | null = null) => slots.map((slot) => ({ slot, userId: `u${slot}`, droppedAt }));

  it.each([
    { holders: [], expected: 0 },
    { holders: held([0]), expected: 1 },
    { holders: held([0, 2]), expected: 1 },
    { holders: held([0, 1, 2]), expected: 3 },
  ])("gives a new host the lowest free slot ($expected)", ({ holders, expected }) => {
    expect(assignHostSlot(holders, "new", 1_000, GRACE)).toEqual({ slot: expected, rejoin: false });
  });

  it("refuses a fifth host with HOSTS_FULL", () => {
    expect(MAX_HOSTS).toBe(4);
    expect(() => assignHostSlot(held([0, 1, 2, 3]), "new", 1_000, GRACE)).toThrow(expect.objectContaining({ code: "HOSTS_FULL" }));
  });

  it("gives a dropped host its own slot back within the grace", () => {
    const holders = [...held([0, 1, 3]), { slot: 2, userId: "back", droppedAt: 1_000 }];
    expect(assignHostSlot(holders, "back", 20_000, GRACE)).toEqual({ slot: 2, rejoin: true });
    // and that slot is not free for others inside the grace
    expect(() => assignHostSlot(holders, "other", 20_000, GRACE)).toThrow(expect.objectContaining({ code: "HOSTS_FULL" }));
  });

  it("frees a dropped host's slot after the grace", () => {
    const holders = [...held([0, 1, 3]), { slot: 2, userId: "gone", droppedAt: 1_000 }];
    expect(assignHostSlot(holders, "other", 1_000 + GRACE, GRACE)).toEqual({ slot: 2, rejoin: false });
    expect(() => assignHostSlot(holders, "other", 1_000 + GRACE - 1, GRACE)).toThrow(expect.objectContaining({ code: "HOSTS_FULL" }));
  });
});

describe("show permissions", () => {
  const table: Array<[ShowParticipantRole, ShowAction, boolean]> = [
    ["host", "publish", true],
    ["admin", "publish", false],
    ["viewer", "publish", false],
    ["admin", "open", true],
    ["viewer", "end", false],
    ["host", "end", true],
    ["viewer", "watch", true],
    ["viewer", "manage-videos", false],
    ["admin", "manage-videos", true],
    ["viewer", "chat", true],
    ["viewer", "moderate", false],
    ["host", "moderate", true],
  ];
  it.each(table)("%s may %s: %s", (role, action, allowed) => {
    expect(mayInShow(role, action)).toBe(allowed);
  });

  it("admits only a valid ticket of this event", () => {
    expect(() => requireWatchableTicket(null, "e1")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireWatchableTicket({ eventId: "e2", status: "valid" }, "e1")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireWatchableTicket({ eventId: "e1", status: "refunded" }, "e1")).toThrow(expect.objectContaining({ code: "PAYMENT_REQUIRED" }));
    expect(() => requireWatchableTicket({ eventId: "e1", status: "valid" }, "e1")).not.toThrow();
  });

  it("does not reopen ended or cancelled events", () => {
    expect(() => requireOpenable("ended")).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
    expect(() => requireOpenable("cancelled")).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
    expect(() => requireOpenable("draft")).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
    expect(() => requireOpenable("on_sale")).not.toThrow();
  });
});

describe("injectable video URIs", () => {
  const folder = "/srv/media";
  it.each([
    ["https://cdn.example.com/a.mp4", "https://cdn.example.com/a.mp4"],
    ["rtsp://cam.local:554/live", "rtsp://cam.local:554/live"],
    ["intro.mp4", "file:///srv/media/intro.mp4"],
    ["clips/intro one.mp4", "file:///srv/media/clips/intro%20one.mp4"],
    ["file:///srv/media/clips/b.webm", "file:///srv/media/clips/b.webm"],
    ["/srv/media/./c.mp4", "file:///srv/media/c.mp4"],
  ])("accepts %s", (input, expected) => {
    expect(resolveInjectableUri(input, folder)).toBe(expected);
  });

  it.each(["../etc/passwd", "clips/../../etc/passwd", "file:///etc/passwd", "/srv/media-other/x.mp4", "ftp://x/y.mp4", "javascript:alert(1)", "data:video/mp4;base64,AAAA", "file:///srv/media/..%2F..%2Fetc/passwd"])(
    "rejects %s",
    (input) => {
      expect(() => resolveInjectableUri(input, folder)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    },
  );
});

describe("empty show grace", () => {
  it.each([
    [null, 500_000, false],
    [0, 119_999, false],
    [0, 120_000, true],
  ])("empty since %s, now %s → end %s", (since, now, end) => {
    expect(shouldEndEmptyShow(since, now, 120_000)).toBe(end);
  });
});

describe("encoder gone", () => {
  const timing = { warnMs: 60_000, endMs: 600_000 };
  it.each([
    [null, 1_000_000, "publishing"],
    [0, 59_999, "gone"],
    [0, 60_000, "warned"],
    [0, 599_999, "warned"],
    [0, 600_000, "expired"],
  ])("gone since %s, now %s → %s", (goneAt, now, state) => {
    expect(encoderPresence(goneAt, now, timing).state).toBe(state);
  });

  it("says when the show will end", () => {
    expect(encoderPresence(5_000, 70_000, timing)).toEqual({ state: "warned", goneAt: 5_000, endsAt: 605_000 });
  });
});

describe("go-live window", () => {
  const schedule = { startsAt: new Date("2031-03-07T20:00:00Z"), durationMinutes: 90 };
  const at = (iso: string) => new Date(iso);

  it("lets a host open the show from an hour before the start to the end of its slot", () => {
    expect(goLiveWindow(schedule)).toEqual({ opensAt: at("2031-03-07T19:00:00Z"), closesAt: at("2031-03-07T21:30:00Z") });
    for (const now of ["2031-03-07T19:00:00Z", "2031-03-07T20:00:00Z", "2031-03-07T21:30:00Z"]) {
      expect(() => requireGoLiveWindow(schedule, "host", at(now))).not.toThrow();
    }
  });

  it("tells a host who is too early when the show can go live", () => {
    expect(() => requireGoLiveWindow(schedule, "host", at("2031-03-07T18:59:59Z"))).toThrow(
      expect.objectContaining({ code: "OUTSIDE_SHOW_WINDOW", status: 409, message: expect.stringContaining("2031-03-07T19:00:00.000Z") }),
    );
  });

  it("refuses a host after the slot ended and points to an admin", () => {
    expect(() => requireGoLiveWindow(schedule, "host", at("2031-03-07T21:30:01Z"))).toThrow(
      expect.objectContaining({ code: "OUTSIDE_SHOW_WINDOW", message: expect.stringContaining("ask an admin") }),
    );
  });

  it("lets an admin open a show at any time, and honours a configured lead time", () => {
    expect(() => requireGoLiveWindow(schedule, "admin", at("2031-03-01T00:00:00Z"))).not.toThrow();
    expect(() => requireGoLiveWindow(schedule, "host", at("2031-03-07T19:50:00Z"), 5 * 60_000)).toThrow(expect.objectContaining({ code: "OUTSIDE_SHOW_WINDOW" }));
  });
});

describe("injectable video URIs: what the studio is told", () => {
  const folder = "/srv/media/";
  it.each([
    ["https://", "Video URL is malformed"],
    ["http://exa mple.com/a.mp4", "Video URL is malformed"],
    ["ftp://x/y.mp4", "Only http(s), rtsp or a file in the media folder can be injected"],
    ["C:evil.mp4", "Only http(s), rtsp or a file in the media folder can be injected"],
    ["intro\u0000.mp4", "Invalid file name"],
    ["clips\\..\\secret.mp4", "Path traversal is not allowed"],
    ["/srv/media", "File is outside the media folder"],
    ["/srv/mediafiles/a.mp4", "File is outside the media folder"],
    ["file:///srv/media/./", "File is outside the media folder"],
    ["  ./ ", "File name is empty"],
  ])("refuses %j: %s", (input, message) => {
    expect(() => resolveInjectableUri(input, folder)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED", message }));
  });

  it("accepts schemes in any case, trims the input and ignores a trailing slash on the folder", () => {
    expect(resolveInjectableUri("  HTTPS://CDN.example.com/A.mp4 ", folder)).toBe("https://cdn.example.com/A.mp4");
    expect(resolveInjectableUri("RTSP://cam.local/live", folder)).toBe("rtsp://cam.local/live");
    expect(resolveInjectableUri("FILE:///srv/media//clips/b%20c.webm", folder)).toBe("file:///srv/media/clips/b%20c.webm");
    expect(resolveInjectableUri("clips//./d#1.mp4", "/srv/media///")).toBe("file:///srv/media/clips/d%231.mp4");
  });
});

describe("go-live window: what a host is told", () => {
  const schedule = { startsAt: new Date("2031-03-07T20:00:00Z"), durationMinutes: 90 };
  const refusal = (now: string, earlyMs?: number) => {
    try {
      requireGoLiveWindow(schedule, "host", new Date(now), earlyMs);
    } catch (error) {
      return error;
    }
    return null;
  };

  it("names the opening instant and the lead in minutes when too early", () => {
    expect(refusal("2031-03-07T19:50:00Z", 5 * 60_000)).toMatchObject({
      message: "This show can go live from 2031-03-07T19:55:00.000Z (5 minutes before its start)",
      details: { opensAt: "2031-03-07T19:55:00.000Z", closesAt: "2031-03-07T21:30:00.000Z" },
    });
    expect(refusal("2031-03-07T18:00:00Z")).toMatchObject({ message: "This show can go live from 2031-03-07T19:00:00.000Z (60 minutes before its start)" });
  });

  it("names the end of the slot when too late", () => {
    expect(refusal("2031-03-07T21:30:00.001Z")).toMatchObject({
      code: "OUTSIDE_SHOW_WINDOW",
      message: "This show's time slot ended at 2031-03-07T21:30:00.000Z; ask an admin to open it",
      details: { opensAt: "2031-03-07T19:00:00.000Z", closesAt: "2031-03-07T21:30:00.000Z" },
    });
    expect(refusal("2031-03-07T21:30:00.000Z")).toBeNull();
    expect(refusal("2031-03-07T18:59:59.999Z")).not.toBeNull();
  });
});

describe("show timing with real clock values", () => {
  const T = 1_800_000_000_000;
  it("ends an empty show a grace period after it emptied, not counted from the epoch", () => {
    expect(shouldEndEmptyShow(T, T + 119_999, 120_000)).toBe(false);
    expect(shouldEndEmptyShow(T, T + 120_000, 120_000)).toBe(true);
  });

  it("warns and expires an encoder show counted from when the encoder left", () => {
    const timing = { warnMs: 60_000, endMs: 600_000 };
    expect(encoderPresence(T, T + 59_999, timing).state).toBe("gone");
    expect(encoderPresence(T, T + 60_000, timing)).toEqual({ state: "warned", goneAt: T, endsAt: T + 600_000 });
    expect(encoderPresence(T, T + 600_000, timing).state).toBe("expired");
  });

  it("names how many hosts a full show has", () => {
    const full = [0, 1].map((slot) => ({ slot, userId: `u${slot}`, droppedAt: null }));
    expect(() => assignHostSlot(full, "new", T, GRACE, 2)).toThrow("This show already has 2 hosts live");
  });
});
