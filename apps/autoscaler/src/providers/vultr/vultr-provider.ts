import { ProviderError, type EdgeProvider, type ProviderInstance } from "../edge-provider";
import { callVultr, callVultrOnce, type VultrCallOptions } from "./call-vultr";
import { vultrInstanceBodySchema, vultrInstanceListSchema, type VultrInstance } from "./vultr-schemas";

/**
 * The slice of an initialized `@vultr/vultr-node` client (`initialize({ apiKey, baseUrl })`)
 * this provider uses. Its methods resolve to the JSON body, to undefined (204),
 * or to an Error — they do not reject.
 */
export interface VultrClient {
  instances: {
    createInstance: (parameters: Record<string, unknown>) => unknown;
    listInstances: (parameters: Record<string, unknown>) => unknown;
    deleteInstance: (parameters: Record<string, unknown>) => unknown;
  };
}

/** Settings of a VultrProvider. */
export interface VultrProviderOptions {
  region: string;
  plan: string;
  /** Operating system id, as a string (the client throws on a number). */
  osId: string;
  hourlyCostCents: number;
  /** Environment name; instances carry the tags "limelight-edge" and "limelight-env-<environment>". */
  environment: string;
  /** HTTP port of the edge on the VM. */
  edgePort: number;
  /** cloud-init user data as plain text (base64-encoded here). */
  userData: string;
  call: VultrCallOptions;
  /** Page size for listing (1–500). */
  perPage?: number;
}

/** The tag every Limelight edge carries. */
export const EDGE_TAG = "limelight-edge";

/**
 * Edges as Vultr VMs through the real `@vultr/vultr-node` client
 * (https://www.vultr.com/api/#tag/instances): create with base64 cloud-init
 * user data and our tags, list by our environment tag following
 * `meta.links.next` cursors, delete. Every call is throttled, has a deadline,
 * and its resolved value is checked (the client resolves errors).
 */
export class VultrProvider implements EdgeProvider {
  readonly name = "vultr";
  readonly region: string;
  readonly plan: string;
  readonly hourlyCostCents: number;
  private readonly envTag: string;

  constructor(
    private readonly client: VultrClient,
    private readonly options: VultrProviderOptions,
  ) {
    this.region = options.region;
    this.plan = options.plan;
    this.hourlyCostCents = options.hourlyCostCents;
    this.envTag = `limelight-env-${options.environment}`;
  }

  /**
   * One POST /instances, never retried here: after a timeout or 5xx the VM may
   * exist, so the caller must `findByLabel` first. Throws ProviderError.
   */
  async create(label: string): Promise<ProviderInstance> {
    const body = await callVultrOnce(
      "create instance",
      () =>
        this.client.instances.createInstance({
          region: this.options.region,
          plan: this.options.plan,
          os_id: this.options.osId,
          label,
          hostname: label,
          tags: [EDGE_TAG, this.envTag],
          user_data: Buffer.from(this.options.userData, "utf8").toString("base64"),
          backups: "disabled",
          activation_email: false,
        }),
      this.options.call,
    );
    const parsed = vultrInstanceBodySchema.safeParse(body);
    if (!parsed.success) throw new ProviderError("server-error", "create instance: unexpected response shape");
    return this.toInstance(parsed.data.instance);
  }

  /** Our instance labelled `label`, or null (GET /instances?label=&tag=). Throws ProviderError. */
  async findByLabel(label: string): Promise<ProviderInstance | null> {
    const found = await this.listPages({ label });
    return found.find((i) => i.label === label) ?? null;
  }

  /** Every instance with our environment tag and the edge tag, all pages. Throws ProviderError. */
  list(): Promise<ProviderInstance[]> {
    return this.listPages({});
  }

  /** DELETE /instances/{id}; a 404 means it is already gone. Throws ProviderError on other failures. */
  async delete(id: string): Promise<void> {
    try {
      await callVultr("delete instance", () => this.client.instances.deleteInstance({ "instance-id": id }), this.options.call);
    } catch (err) {
      if (err instanceof ProviderError && err.failure === "not-found") return;
      throw err;
    }
  }

  private async listPages(filter: { label?: string }): Promise<ProviderInstance[]> {
    const out: ProviderInstance[] = [];
    let cursor = "";
    for (let page = 0; page < 1000; page++) {
      const params: Record<string, unknown> = { tag: this.envTag, per_page: String(this.options.perPage ?? 100), ...filter };
      if (cursor) params.cursor = cursor;
      const body = await callVultr("list instances", () => this.client.instances.listInstances(params), this.options.call);
      const parsed = vultrInstanceListSchema.safeParse(body);
      if (!parsed.success) throw new ProviderError("server-error", "list instances: unexpected response shape");
      for (const instance of parsed.data.instances) if (instance.tags.includes(EDGE_TAG)) out.push(this.toInstance(instance));
      cursor = parsed.data.meta?.links?.next ?? "";
      if (!cursor) return out;
    }
    throw new ProviderError("server-error", "list instances: too many pages");
  }

  private toInstance(instance: VultrInstance): ProviderInstance {
    const hasIp = instance.main_ip !== "" && instance.main_ip !== "0.0.0.0";
    const state = instance.status === "active" ? (instance.power_status === "stopped" ? "stopped" : "active") : "pending";
    return {
      id: instance.id,
      label: instance.label,
      state,
      ipv4: hasIp ? instance.main_ip : null,
      baseUrl: hasIp ? `http://${instance.main_ip}:${this.options.edgePort}` : null,
      createdAt: Date.parse(instance.date_created) || Date.now(),
    };
  }
}
