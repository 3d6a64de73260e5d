/** Shared configuration rules of every Limelight process (see fail-closed.ts). */
export * from "./fail-closed";
