import { LeaseLostError, type Fence, type FencedDb } from "./lease";

/** Thrown inside a tick that passed its deadline and was abandoned: it stops before its next side effect. */
export class TickAbandonedError extends LeaseLostError {
  constructor(message: string) {
    super(message);
    this.name = "TickAbandonedError";
  }
}

/**
 * The fence of one tick: the lease's (`inner`), plus a switch the tick loop
 * turns off when the tick passes its deadline. From `revoke()` on, every
 * provider call (FencedProvider) and every database write of that tick throws
 * TickAbandonedError (a LeaseLostError, which the reconcile steps let through),
 * so an abandoned tick that wakes up later never acts beside the next one.
 * A call already sent when it is revoked is not taken back: its outcome is what
 * the next tick's sync with the provider finds (like a lost reply).
 */
export class TickFence implements Fence {
  private revoked: string | null = null;

  constructor(private readonly inner: Fence) {}

  get token(): number | null {
    return this.inner.token;
  }

  /** Whether `revoke()` was called. */
  get abandoned(): boolean {
    return this.revoked !== null;
  }

  /** Refuses every later side effect of this tick; `reason` is the error's message. */
  revoke(reason: string): void {
    this.revoked = reason;
  }

  /** Throws TickAbandonedError once revoked, else whatever the lease's check throws (LeaseLostError). */
  assertHeld(): void {
    if (this.revoked !== null) throw new TickAbandonedError(this.revoked);
    this.inner.assertHeld();
  }

  /** The lease's fenced write, refused (TickAbandonedError) once revoked, checked again inside the transaction. */
  write<T>(fn: (tx: FencedDb) => Promise<T>): Promise<T> {
    this.assertHeld();
    return this.inner.write((tx) => {
      this.assertHeld();
      return fn(tx);
    });
  }
}
