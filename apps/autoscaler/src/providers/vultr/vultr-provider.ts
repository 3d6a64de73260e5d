import { ProviderError, type EdgeProvider, type ProviderInstance } from "../edge-provider";
import { callVultr, callVultrOnce, type VultrCallOptions } from "./call-vultr";
import { type VultrDnsClient, type VultrEdgeDns } from "./vultr-edge-dns";
import { vultrInstanceBodySchema, vultrInstanceListSchema, type VultrDnsRecord, type VultrInstance } from "./vultr-schemas";

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
    /** GET /instances/{instance-id} (used with TLS edges, to learn the label of an instance being deleted). */
    getInstance: (parameters: Record<string, unknown>) => unknown;
  };
  /** DNS records (used with TLS edges). */
  dns: VultrDnsClient;
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
  /** HTTP port of the edge on the VM (used in baseUrl without TLS). */
  edgePort: number;
  /** cloud-init user data as plain text (base64-encoded here), or made per edge label (TLS edges need their host name). */
  userData: string | ((label: string) => string);
  /**
   * TLS edges: each edge gets the A record `<label>.<domain>` → main_ip in
   * Vultr DNS, and its baseUrl is `https://<label>.<domain>` once that record
   * exists (null before). Absent: baseUrl is `http://<main_ip>:<edgePort>`.
   */
  dns?: VultrEdgeDns;
  /** Told about DNS failures that did not fail the call (the record is retried on the next list). */
  onDnsError?: (message: string) => void;
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
 *
 * With `dns` (TLS edges, https://www.vultr.com/api/#tag/dns): `list()` reads
 * the zone's records first, then our instances; it creates the missing A
 * record of every instance that has its main_ip (one, pointing there) and
 * deletes A records of our labels whose instance no longer exists — records
 * are read before instances, so a record seen without its instance is truly
 * an orphan. `delete()` deletes the instance, then its record. A DNS listing
 * that fails fails `list()` (reconciliation waits, as when instances cannot
 * be listed); a record that cannot be created only leaves that edge's baseUrl
 * null until a later `list()` succeeds.
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
          user_data: Buffer.from(typeof this.options.userData === "string" ? this.options.userData : this.options.userData(label), "utf8").toString("base64"),
          backups: "disabled",
          activation_email: false,
        }),
      this.options.call,
    );
    const parsed = vultrInstanceBodySchema.safeParse(body);
    if (!parsed.success) throw new ProviderError("server-error", "create instance: unexpected response shape");
    const instance = this.toInstance(parsed.data.instance);
    // Usually there is no address yet: the record comes with a later list().
    return instance.ipv4 ? this.withDnsName(instance) : instance;
  }

  /** Our instance labelled `label`, or null (GET /instances?label=&tag=); with DNS, its record is made if missing. Throws ProviderError. */
  async findByLabel(label: string): Promise<ProviderInstance | null> {
    const found = (await this.listPages({ label })).find((i) => i.label === label);
    if (!found) return null;
    return found.ipv4 ? this.withDnsName(found) : found;
  }

  /** Every instance with our environment tag and the edge tag, all pages; with DNS, records synced (see the class). Throws ProviderError. */
  async list(): Promise<ProviderInstance[]> {
    const dns = this.options.dns;
    if (!dns) return this.listPages({});
    const records = await dns.listRecords();
    const instances = await this.listPages({});
    const out: ProviderInstance[] = [];
    for (const instance of instances) out.push(instance.ipv4 ? await this.withDnsName(instance, records) : instance);
    const labels = new Set(instances.map((i) => i.label));
    for (const record of records) {
      if (record.type !== "A" || !dns.owns(record.name) || labels.has(record.name)) continue;
      try {
        await dns.deleteRecord(record.id);
      } catch (err) {
        this.options.onDnsError?.(`delete orphan DNS record ${record.name}: ${(err as Error).message}`);
      }
    }
    return out;
  }

  /**
   * DELETE /instances/{id}; a 404 means it is already gone. With DNS, the
   * instance's label is read first (GET /instances/{id}) and its A record is
   * deleted after the instance (an instance already gone leaves its record to
   * the orphan sweep of `list()`). Throws ProviderError on other failures.
   */
  async delete(id: string): Promise<void> {
    const isGone = (err: unknown) => err instanceof ProviderError && err.failure === "not-found";
    let label: string | null = null;
    if (this.options.dns) {
      try {
        const body = await callVultr("get instance", () => this.client.instances.getInstance({ "instance-id": id }), this.options.call);
        const parsed = vultrInstanceBodySchema.safeParse(body);
        if (!parsed.success) throw new ProviderError("server-error", "get instance: unexpected response shape");
        label = parsed.data.instance.label;
      } catch (err) {
        if (isGone(err)) return;
        throw err;
      }
    }
    try {
      await callVultr("delete instance", () => this.client.instances.deleteInstance({ "instance-id": id }), this.options.call);
    } catch (err) {
      // A retry after a delete that happened but answered 500 gets 404: gone, which is what we wanted.
      if (!isGone(err)) throw err;
    }
    if (this.options.dns && label) await this.options.dns.deleteRecordsOf(label);
  }

  /** The instance with its https baseUrl once its A record exists (made here if missing), else with baseUrl null. */
  private async withDnsName(instance: ProviderInstance, records?: VultrDnsRecord[]): Promise<ProviderInstance> {
    const dns = this.options.dns;
    if (!dns || !instance.ipv4) return instance;
    try {
      await dns.ensureRecord(instance.label, instance.ipv4, records);
      return { ...instance, baseUrl: `https://${dns.hostname(instance.label)}` };
    } catch (err) {
      this.options.onDnsError?.(`DNS record of ${instance.label}: ${(err as Error).message}`);
      return { ...instance, baseUrl: null };
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
      // With DNS the https URL is set by withDnsName once the record exists.
      baseUrl: hasIp && !this.options.dns ? `http://${instance.main_ip}:${this.options.edgePort}` : null,
      createdAt: Date.parse(instance.date_created) || Date.now(),
    };
  }
}
