/** Event artwork: the process-wide poster store (POSTER_DIR). */
import path from "node:path";
import { env } from "../../env";
import { FilePosterStore, type PosterStore } from "./poster-store";

const holder = globalThis as unknown as { limelightPosterStore?: PosterStore };

/** The poster store on POSTER_DIR (resolved against the working directory). */
export function posterStore(): PosterStore {
  holder.limelightPosterStore ??= new FilePosterStore(path.resolve(env().POSTER_DIR));
  return holder.limelightPosterStore;
}
