import bcrypt from "bcryptjs";

/** bcrypt cost factor (2^10 rounds, about 70 ms per hash in bcryptjs on one core). */
export const BCRYPT_COST = 10;

/** Hashes a plain-text password with bcrypt (bcryptjs); returns the `$2b$...` hash string. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** True when `password` matches the bcrypt `hash`; false for any mismatch or malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}
