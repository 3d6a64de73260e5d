/**
 * Configuration of the demo seed script, parsed once with zod: DATABASE_URL
 * (optional; the script's first argument wins; default: the embedded SQLite
 * file <repo>/.data/limelight.db, the web app's default).
 */
import { z } from "zod";

const schema = z.object({ DATABASE_URL: z.string().min(1).optional() });

/** Parsed seed configuration. Throws when DATABASE_URL is set but empty. */
export function seedEnv(): z.infer<typeof schema> {
  return schema.parse(process.env);
}
