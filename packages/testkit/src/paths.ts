import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export function repoRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

/** Folder for test artifacts (screenshots, logs): <repo>/artifacts/<name>. */
export function artifactsDir(name: string): string {
  return join(repoRoot(), "artifacts", name);
}
