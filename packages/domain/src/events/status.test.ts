import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, EVENT_STATUS_LABEL, EVENT_STATUSES, isBuyable, isEditable, type EventStatus } from "./status";

/** The lifecycle, written out: draft → on_sale → live → ended; draft and on_sale may be cancelled. */
const ALLOWED = new Set(["draft>on_sale", "draft>cancelled", "on_sale>live", "on_sale>cancelled", "live>ended"]);
const pairs = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.map((to) => [from, to] as [EventStatus, EventStatus]));

describe("event lifecycle", () => {
  it.each(pairs)("%s → %s is allowed only when the lifecycle says so", (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(expect.objectContaining({ code: "INVALID_TRANSITION" }));
  });

  it("explains a refused transition in words, and refuses unknown statuses", () => {
    expect(() => assertTransition("draft", "live")).toThrow("A draft event cannot become live now");
    expect(() => assertTransition("ended", "on_sale")).toThrow("A ended event cannot become on sale");
    expect(() => assertTransition("archived", "live")).toThrow("A archived event cannot become live now");
    expect(canTransition("archived", "live")).toBe(false);
  });

  it("labels every status for pages", () => {
    expect(EVENT_STATUS_LABEL).toEqual({ draft: "Draft", on_sale: "On sale", live: "Live now", ended: "Ended", cancelled: "Cancelled" });
  });

  it("lets details change only before the show (draft, on sale), and tickets be bought on sale or live", () => {
    expect(EVENT_STATUSES.filter(isEditable)).toEqual(["draft", "on_sale"]);
    expect(EVENT_STATUSES.filter(isBuyable)).toEqual(["on_sale", "live"]);
  });
});
