import { describe, expect, it } from "vitest";
import { AppError } from "@limelight/domain";
import { errorResponse } from "./http";

describe("error replies of route handlers", () => {
  it("tells a client refused for load or rate when to come back (Retry-After, whole seconds)", async () => {
    const overloaded = errorResponse(new AppError("OVERLOADED", "Too many people are buying right now", { details: { retryAfterMs: 2_000 } }));
    expect({ status: overloaded.status, retryAfter: overloaded.headers.get("retry-after"), body: await overloaded.json() }).toEqual({
      status: 503,
      retryAfter: "2",
      body: { error: { code: "OVERLOADED", message: "Too many people are buying right now", details: { retryAfterMs: 2_000 } } },
    });
    expect(errorResponse(new AppError("RATE_LIMITED", "Slow down", { details: { retryAfterMs: 60_001 } })).headers.get("retry-after")).toBe("61");
    // No delay known, or another error: no Retry-After.
    expect(errorResponse(new AppError("RATE_LIMITED", "Slow down")).headers.get("retry-after")).toBeNull();
    expect(errorResponse(new AppError("SOLD_OUT", "Sold out", { details: { retryAfterMs: 5_000 } })).headers.get("retry-after")).toBeNull();
  });
});
