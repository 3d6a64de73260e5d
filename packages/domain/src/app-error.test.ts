import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, httpStatusFor, isAppError, toErrorBody } from "./app-error";
import { requireRole } from "./roles";
import { parseInput } from "./validation";

describe("AppError", () => {
  it("carries its code, HTTP status, details and cause", () => {
    const cause = new Error("db down");
    const error = new AppError("SOLD_OUT", "Sold out", { details: { eventId: "e1" }, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe("SOLD_OUT");
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ eventId: "e1" });
    expect(error.cause).toBe(cause);
    expect(new AppError("NOT_FOUND", "gone").cause).toBeUndefined();
  });

  it("is recognised across module copies by name and code, not by a bare name", () => {
    const copy = Object.assign(new Error("x"), { name: "AppError", code: "FORBIDDEN" });
    expect(isAppError(copy)).toBe(true);
    expect(isAppError(new AppError("FORBIDDEN", "x"))).toBe(true);
    expect(isAppError(Object.assign(new Error("x"), { name: "AppError" }))).toBe(false);
    expect(isAppError(Object.assign(new Error("x"), { code: "FORBIDDEN" }))).toBe(false);
    expect(isAppError({ name: "AppError", code: "FORBIDDEN", message: "x" })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });

  it.each([
    [new AppError("VALIDATION_FAILED", "x"), 400],
    [new AppError("UNAUTHENTICATED", "x"), 401],
    [new AppError("FORBIDDEN", "x"), 403],
    [new AppError("RATE_LIMITED", "x"), 429],
    [new AppError("MEDIA_SERVER_UNAVAILABLE", "x"), 503],
    [new Error("boom"), 500],
    ["a string", 500],
  ])("%s maps to HTTP %i", (error, status) => {
    expect(httpStatusFor(error)).toBe(status);
  });
});

describe("error bodies", () => {
  it("show an AppError's code, message and safe details", () => {
    expect(toErrorBody(new AppError("SOLD_OUT", "This show is sold out"))).toEqual({ error: { code: "SOLD_OUT", message: "This show is sold out" } });
    expect(toErrorBody(new AppError("VALIDATION_FAILED", "bad", { details: [{ path: "a", message: "m" }] }))).toEqual({
      error: { code: "VALIDATION_FAILED", message: "bad", details: [{ path: "a", message: "m" }] },
    });
    expect("details" in toErrorBody(new AppError("SOLD_OUT", "x")).error).toBe(false);
  });

  it("never leak the text of an internal error or of anything else thrown", () => {
    const generic = { error: { code: "INTERNAL", message: "Something went wrong" } };
    expect(toErrorBody(new AppError("INTERNAL", "password=hunter2", { details: { sql: "select" } }))).toEqual(generic);
    expect(toErrorBody(new Error("connect ECONNREFUSED 10.0.0.5:5432"))).toEqual(generic);
    expect(toErrorBody(undefined)).toEqual(generic);
  });
});

describe("parseInput", () => {
  const schema = z.object({ name: z.string().min(1, "Name is required"), age: z.number({ error: "Age must be a number" }) });

  it("returns the parsed value", () => {
    expect(parseInput(schema, { name: "Ada", age: 36 })).toEqual({ name: "Ada", age: 36 });
  });

  it("throws VALIDATION_FAILED naming the first problem and listing every issue with its path", () => {
    let thrown: unknown;
    try {
      parseInput(schema, { name: "", age: "x" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe("name: Name is required");
    expect(error.details).toEqual([
      { path: "name", message: "Name is required" },
      { path: "age", message: "Age must be a number" },
    ]);
  });

  it("names a nested field by its dotted path", () => {
    const hosts = z.object({ hosts: z.array(z.object({ userId: z.string({ error: "Pick a performer" }) })) });
    expect(() => parseInput(hosts, { hosts: [{ userId: "u1" }, {}] })).toThrow(/^hosts\.1\.userId: Pick a performer$/);
  });

  it("gives a root-level problem without a path prefix", () => {
    expect(() => parseInput(z.string({ error: "Expected text" }), 5)).toThrow(/^Expected text$/);
  });
});

describe("requireRole", () => {
  it("asks an anonymous visitor to sign in", () => {
    for (const actor of [null, undefined]) {
      expect(() => requireRole(actor, ["viewer"])).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", message: "Sign in to continue" }));
    }
  });

  it("forbids a role outside the allowed ones and returns an allowed actor", () => {
    const performer = { userId: "u1", role: "performer" as const };
    expect(() => requireRole(performer, ["admin"])).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: "You are not allowed to do that" }));
    expect(requireRole(performer, ["performer", "admin"])).toBe(performer);
  });
});
