import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@limelight/domain";
import { isCleanText, MAX_TEXT_LENGTH } from "@limelight/domain/validation/ids";
import { logger } from "./logger";

/** What a server action returns to its form: an error to show, or a success message. */
export interface ActionState {
  error?: string;
  message?: string;
}

/**
 * Runs a server action body and turns failures into a message for the form:
 * AppError → its message (validation, 401/403 "not allowed", conflicts);
 * anything else is logged and shown as "Something went wrong". Next.js control
 * flow (redirect, notFound, forbidden) is rethrown. `run` may return a success
 * message.
 */
export async function runAction(run: () => Promise<string | void>): Promise<ActionState> {
  try {
    const message = await run();
    return message ? { message } : {};
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error) && error.code !== "INTERNAL") return { error: userMessage(error) };
    logger().error({ err: error }, "server action failed");
    return { error: "Something went wrong. Please try again." };
  }
}

/**
 * The message a form shows for an AppError: parseInput's messages start with
 * the field path ("price: Price must be ..."); the path is dropped because the
 * issue messages already name the field in words.
 */
function userMessage(error: { code: string; message: string; details?: unknown }): string {
  if (error.code === "VALIDATION_FAILED" && Array.isArray(error.details)) {
    const first: unknown = error.details[0];
    if (first && typeof first === "object" && "path" in first && typeof first.path === "string" && first.path) {
      const prefix = `${first.path}: `;
      if (error.message.startsWith(prefix)) return error.message.slice(prefix.length);
    }
  }
  return error.message;
}

/** Most fields formFields reads from one form; longest field value kept (characters). */
export const FORM_LIMITS = { fields: 100, valueChars: MAX_TEXT_LENGTH } as const;

/**
 * FormData → plain object of its string fields (files ignored; last value
 * wins). Hostile input never reaches a use case: a field whose name or value
 * holds NUL or other control characters (tab and newlines are fine), or whose
 * value is longer than FORM_LIMITS.valueChars, is dropped (so validation
 * reports it as missing), and fields past the first FORM_LIMITS.fields are ignored.
 */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  let seen = 0;
  for (const [key, value] of formData.entries()) {
    if ((seen += 1) > FORM_LIMITS.fields) break;
    if (typeof value !== "string" || key.length > 200 || !isCleanText(key) || value.length > FORM_LIMITS.valueChars || !isCleanText(value)) continue;
    out[key] = value;
  }
  return out;
}

/** A safe in-app path to return to: must start with a single "/"; otherwise `fallback`. */
export function safeNextPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : fallback;
}
