import { type z } from "zod";
import { AppError } from "./app-error";

/**
 * Parses `input` with a zod schema or throws AppError VALIDATION_FAILED
 * (HTTP 400) whose `path` is the first issue's zod path (keys and indexes),
 * whose details list `{path, message}` per issue (path joined with "."), and
 * whose message names the first problem in words a user can act on.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "Invalid input";
  const firstPath = result.error.issues[0]?.path.map((key) => (typeof key === "symbol" ? String(key) : key)) ?? [];
  throw new AppError("VALIDATION_FAILED", message, { details: issues, path: firstPath });
}
