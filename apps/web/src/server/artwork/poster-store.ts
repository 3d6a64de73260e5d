import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { type PosterFile } from "./process-poster";

/** Where poster files live. Keys and names are checked by the caller (see isPosterKey / POSTER_FILE). */
export interface PosterStore {
  /** Stores every file of a poster under `key` (overwrites). */
  put(key: string, files: readonly PosterFile[]): Promise<void>;
  /** The bytes of one file, or null when absent. */
  get(key: string, name: string): Promise<Buffer | null>;
}

/** A poster key: `<event id>-<16 hex of the content hash>` (so URLs are immutable and cacheable forever). */
export const POSTER_KEY = /^[a-z0-9_-]{1,60}-[0-9a-f]{16}$/;

/** A poster file name served: "1200.webp", "1200.jpg", "600.webp", "600.jpg". */
export const POSTER_FILE = /^(1200|600)\.(webp|jpg)$/;

/**
 * PosterStore on a folder (a Docker volume in production): `<dir>/<key>/<name>`,
 * each file written to a temporary name then renamed (readers never see half a file).
 */
export class FilePosterStore implements PosterStore {
  constructor(private readonly dir: string) {}

  async put(key: string, files: readonly PosterFile[]): Promise<void> {
    const folder = path.join(this.dir, key);
    await mkdir(folder, { recursive: true });
    for (const file of files) {
      const target = path.join(folder, file.name);
      await writeFile(`${target}.tmp`, file.bytes);
      await rename(`${target}.tmp`, target);
    }
  }

  async get(key: string, name: string): Promise<Buffer | null> {
    try {
      return await readFile(path.join(this.dir, key, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}
