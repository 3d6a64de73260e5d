import { describe, expect, it } from "vitest";
import { assertHostsArePerformers } from "../events/hosts";
import { assertCanOpenStudio, canOpenStudio } from "./can-open-studio";

const show = { hostUserIds: ["perf-1"], status: "on_sale" };

describe("who opens a show's studio", () => {
  it("lets its hosts and admins in, refuses other performers and viewers", () => {
    expect(canOpenStudio({ userId: "perf-1", role: "performer" }, show)).toBe(true);
    expect(canOpenStudio({ userId: "admin-1", role: "admin" }, { ...show, status: "cancelled" })).toBe(true);
    expect(canOpenStudio({ userId: "perf-2", role: "performer" }, show)).toBe(false);
    expect(canOpenStudio({ userId: "perf-1", role: "viewer" }, show)).toBe(false);
    expect(canOpenStudio({ userId: "perf-1", role: "performer" }, { ...show, status: "cancelled" })).toBe(false);
    expect(canOpenStudio(null, show)).toBe(false);
  });

  it("says who is refused: signed out (UNAUTHENTICATED) or not a host (FORBIDDEN); returns the actor otherwise", () => {
    const host = { userId: "perf-1", role: "performer" as const };
    expect(assertCanOpenStudio(host, show)).toBe(host);
    expect(() => assertCanOpenStudio(null, show)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", message: "Sign in to continue" }));
    expect(() => assertCanOpenStudio({ userId: "v", role: "viewer" }, show)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: "Only this show's hosts can open its studio" }),
    );
  });
});

describe("hosts are performers", () => {
  const roles = new Map([
    ["perf-1", "performer"],
    ["admin-1", "admin"],
    ["viewer-1", "viewer"],
  ]);

  it("accepts performers and admins as hosts", () => {
    expect(() => assertHostsArePerformers([{ userId: "perf-1", shareBps: 5_000 }, { userId: "admin-1", shareBps: 5_000 }], roles)).not.toThrow();
  });

  it("refuses an unknown account and a viewer, naming the problem", () => {
    expect(() => assertHostsArePerformers([{ userId: "ghost", shareBps: 10_000 }], roles)).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "hosts: unknown performer" }),
    );
    expect(() => assertHostsArePerformers([{ userId: "perf-1", shareBps: 5_000 }, { userId: "viewer-1", shareBps: 5_000 }], roles)).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", message: "hosts: only performers can host events" }),
    );
  });
});
