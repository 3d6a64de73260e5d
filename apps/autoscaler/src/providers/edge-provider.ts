/**
 * Where edges run. One interface for Vultr VMs and for local nginx processes,
 * so the reconciler neither knows nor cares which one it drives.
 */

/** An instance at the provider that carries our tags. Times in ms epoch. */
export interface ProviderInstance {
  /** Provider's id (Vultr instance id, or the local edge's label). */
  id: string;
  /** Our idempotency label (unique per create intent). */
  label: string;
  /** Provider's coarse state: "pending" while it is being built, "active" when running, "stopped" otherwise. */
  state: "pending" | "active" | "stopped";
  /**
   * Base URL of the edge once it can be reached, else null: "http://203.0.113.7:80" for plain edges
   * (once the address is known), "https://<label>.<zone>" for TLS edges (once their DNS record exists).
   */
  baseUrl: string | null;
  ipv4: string | null;
  createdAt: number;
}

/** Why a provider call failed, as far as we can tell. */
export type ProviderFailure = "rate-limited" | "server-error" | "timeout" | "network" | "not-found" | "rejected";

/**
 * A failed provider call. `failure` says whether retrying makes sense:
 * "rejected" (4xx other than 404/429) never will.
 */
export class ProviderError extends Error {
  readonly failure: ProviderFailure;
  /** The HTTP status code when the provider answered one ("429", "500"), else the failure ("timeout", "network"). */
  readonly code: string;

  constructor(failure: ProviderFailure, message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.failure = failure;
    this.code = options.code ?? failure;
  }
}

/** Creates, lists and deletes our edges at one provider. Every method throws ProviderError on failure. */
export interface EdgeProvider {
  /** "vultr" or "local" (written to Edge.provider). */
  readonly name: string;
  readonly region: string;
  readonly plan: string;
  /** Price of one edge, (fractional) cents per hour. */
  readonly hourlyCostCents: number;
  /**
   * Creates one edge labelled `label` (unique). After a timeout or a server
   * error the instance may exist anyway: callers look it up with `findByLabel`
   * before creating again.
   */
  create(label: string): Promise<ProviderInstance>;
  /** Our instance with this label, or null. */
  findByLabel(label: string): Promise<ProviderInstance | null>;
  /** All our instances (filtered by our tag, every page). */
  list(): Promise<ProviderInstance[]>;
  /** Deletes an instance; an instance already gone counts as deleted. */
  delete(id: string): Promise<void>;
}
