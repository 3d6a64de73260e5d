import { createHash, randomBytes } from "node:crypto";

/** A new reset token: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export function newResetToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 of the token (UTF-8), hex: the value stored in PasswordResetToken.tokenHash. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
