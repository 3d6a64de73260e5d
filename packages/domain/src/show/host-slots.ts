/**
 * Host slots of a show's Composite. A show mixes at most MAX_HOSTS performers;
 * each has a slot 0..MAX_HOSTS-1 that it keeps while connected and, after a
 * drop, during a rejoin grace period.
 */
import { AppError } from "../app-error";

/** Most hosts mixed in one show (Composite cost grows with every input; see docs/kurento.md). */
export const MAX_HOSTS = 4;

/** One occupied slot. `droppedAt` (ms since epoch) is set while the host is gone but inside its grace. */
export interface HostSlotHolder {
  slot: number;
  userId: string;
  droppedAt: number | null;
}

/**
 * The slot a host gets when it goes live: its own slot if it holds one
 * (connected or dropped inside the grace), else the lowest free slot.
 * Slots of hosts dropped longer than `rejoinGraceMs` ago count as free.
 * Throws AppError HOSTS_FULL when all `maxHosts` slots are held by others.
 */
export function assignHostSlot(
  holders: readonly HostSlotHolder[],
  userId: string,
  now: number,
  rejoinGraceMs: number,
  maxHosts: number = MAX_HOSTS,
): { slot: number; rejoin: boolean } {
  const own = holders.find((h) => h.userId === userId);
  if (own) return { slot: own.slot, rejoin: true };
  const taken = new Set(holders.filter((h) => h.droppedAt === null || now - h.droppedAt < rejoinGraceMs).map((h) => h.slot));
  for (let slot = 0; slot < maxHosts; slot++) {
    if (!taken.has(slot)) return { slot, rejoin: false };
  }
  throw new AppError("HOSTS_FULL", `This show already has ${maxHosts} hosts live`);
}
