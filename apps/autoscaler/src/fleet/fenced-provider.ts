import { type EdgeProvider, type ProviderInstance } from "../providers/edge-provider";
import { type Fence } from "./lease";

/**
 * An EdgeProvider whose every call first checks the lease (`fence.assertHeld()`),
 * so a tick that lost its lease stops before its next side effect at the
 * provider. Throws LeaseLostError before the call, else what `inner` throws.
 */
export class FencedProvider implements EdgeProvider {
  readonly name: string;
  readonly region: string;
  readonly plan: string;
  readonly hourlyCostCents: number;

  constructor(
    private readonly inner: EdgeProvider,
    private readonly fence: Fence,
  ) {
    this.name = inner.name;
    this.region = inner.region;
    this.plan = inner.plan;
    this.hourlyCostCents = inner.hourlyCostCents;
  }

  create(label: string): Promise<ProviderInstance> {
    this.fence.assertHeld();
    return this.inner.create(label);
  }

  findByLabel(label: string): Promise<ProviderInstance | null> {
    this.fence.assertHeld();
    return this.inner.findByLabel(label);
  }

  list(): Promise<ProviderInstance[]> {
    this.fence.assertHeld();
    return this.inner.list();
  }

  delete(id: string): Promise<void> {
    this.fence.assertHeld();
    return this.inner.delete(id);
  }
}
