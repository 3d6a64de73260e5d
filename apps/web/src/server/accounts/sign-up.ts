import { z } from "zod";
import type { Db } from "@limelight/db";
import { AppError, parseInput } from "@limelight/domain";
import { hashPassword } from "../auth/password";

/** Sign-up form: name (1..80), email, password (8..200 characters). */
export const signUpSchema = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
  email: z.string({ error: "Email is required" }).trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z
    .string({ error: "Password is required" })
    .min(8, "Password must be at least 8 characters")
    .max(200, "Password must be at most 200 characters"),
});

/** The account created by signUp. */
export interface SignedUpUser {
  userId: string;
  email: string;
}

/**
 * Creates a viewer account (new accounts are always viewers; admins promote).
 * Throws AppError VALIDATION_FAILED for bad input and CONFLICT when the email
 * is already registered.
 */
export async function signUp(db: Db, input: unknown): Promise<SignedUpUser> {
  const data = parseInput(signUpSchema, input);
  const existing = await db.user.findUnique({ where: { email: data.email } });
  if (existing) throw new AppError("CONFLICT", "An account with this email already exists");
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await db.user.create({ data: { email: data.email, name: data.name, passwordHash, role: "viewer" } });
    return { userId: user.id, email: user.email };
  } catch (error) {
    // A concurrent sign-up with the same email hit the unique index.
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "An account with this email already exists");
    throw error;
  }
}
