import { describe, expect, it } from "vitest";
import { billedHours, msLeftInBilledHour } from "./billing";

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("Vultr started-hour billing", () => {
  it("bills every started hour, at least one", () => {
    expect(billedHours(0, 0)).toBe(1);
    expect(billedHours(0, HOUR)).toBe(1);
    expect(billedHours(0, HOUR + 1)).toBe(2);
  });

  it("says how long is left of the hour already paid: deleting before then saves nothing", () => {
    expect(msLeftInBilledHour(0, 0)).toBe(HOUR);
    expect(msLeftInBilledHour(0, 20 * MINUTE)).toBe(40 * MINUTE);
    expect(msLeftInBilledHour(0, HOUR)).toBe(0);
    expect(msLeftInBilledHour(0, HOUR + MINUTE)).toBe(59 * MINUTE);
    // Clock skew: an instance reported as created in the future has its whole first hour left.
    expect(msLeftInBilledHour(10 * MINUTE, 0)).toBe(HOUR);
  });
});
