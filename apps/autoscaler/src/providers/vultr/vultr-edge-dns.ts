import { ProviderError } from "../edge-provider";
import { callVultr, callVultrOnce, type VultrCallOptions } from "./call-vultr";
import { sleep } from "./vultr-gate";
import { vultrDnsRecordBodySchema, vultrDnsRecordListSchema, type VultrDnsRecord } from "./vultr-schemas";

/**
 * The slice of `@vultr/vultr-node`'s `dns` module this file uses
 * (https://www.vultr.com/api/#tag/dns). Like every method of the client they
 * resolve to the JSON body, to undefined (204) or to an Error; they do not reject.
 */
export interface VultrDnsClient {
  /** GET /domains/{dns-domain}/records?per_page=&cursor= (https://www.vultr.com/api/#operation/list-dns-domain-records). */
  listRecords: (parameters: Record<string, unknown>) => unknown;
  /** POST /domains/{dns-domain}/records {name, type, data, ttl} → 201 {record} (https://www.vultr.com/api/#operation/create-dns-domain-record). */
  createRecord: (parameters: Record<string, unknown>) => unknown;
  /** DELETE /domains/{dns-domain}/records/{record-id} → 204 (https://www.vultr.com/api/#operation/delete-dns-domain-record). */
  deleteRecord: (parameters: Record<string, unknown>) => unknown;
}

/** Settings of the edges' DNS names. */
export interface VultrEdgeDnsOptions {
  /** The Vultr DNS zone edges are named in, e.g. "edges.example.com": edge `<label>` is `<label>.<domain>`. */
  domain: string;
  /** TTL of the A records, seconds (default 60: a replaced edge's name is not cached long). */
  ttlSeconds?: number;
  /** Which record names are ours to clean up (our environment's edge labels, see edgeLabelPattern). */
  ownedName: RegExp;
  /** Throttle, deadline and retries shared with the instance calls (same gate: one 30 req/s budget). */
  call: VultrCallOptions;
  /** Page size for listing records (1–500, default 100). */
  perPage?: number;
  /** Rounds of "look up, create if missing" before giving up on a record (default 3). */
  createAttempts?: number;
}

/**
 * One A record per edge in a Vultr DNS zone: `<label>.<domain>` → the
 * instance's main_ip. Creates are idempotent (looked up by name first, and
 * looked up again after a failed or unanswered create before trying again);
 * lists and deletes are retried like every other Vultr call (429, 5xx,
 * timeouts); a 404 on delete means the record is already gone. Every method
 * throws ProviderError ("not-found" when the zone does not exist).
 */
export class VultrEdgeDns {
  readonly domain: string;

  constructor(
    private readonly client: VultrDnsClient,
    private readonly options: VultrEdgeDnsOptions,
  ) {
    this.domain = options.domain;
  }

  /** The DNS name of the edge labelled `label`: "<label>.<domain>". */
  hostname(label: string): string {
    return `${label}.${this.domain}`;
  }

  /** Whether a record name belongs to one of our edges (and so may be cleaned up by us). */
  owns(name: string): boolean {
    return this.options.ownedName.test(name);
  }

  /** Every record of the zone, all pages (GET /domains/{dns-domain}/records). */
  async listRecords(): Promise<VultrDnsRecord[]> {
    const out: VultrDnsRecord[] = [];
    let cursor = "";
    for (let page = 0; page < 1000; page++) {
      const params: Record<string, unknown> = { "dns-domain": this.domain, per_page: String(this.options.perPage ?? 100) };
      if (cursor) params.cursor = cursor;
      const body = await callVultr("list DNS records", () => this.client.listRecords(params), this.options.call);
      const parsed = vultrDnsRecordListSchema.safeParse(body);
      if (!parsed.success) throw new ProviderError("server-error", "list DNS records: unexpected response shape");
      out.push(...parsed.data.records);
      cursor = parsed.data.meta?.links?.next ?? "";
      if (!cursor) return out;
    }
    throw new ProviderError("server-error", "list DNS records: too many pages");
  }

  /**
   * Makes `<label>.<domain>` resolve to `ip` with exactly one A record:
   * keeps a record that already points there, removes ones pointing elsewhere
   * or duplicates, creates one when missing. `known` is a fresh listing to
   * start from (saves one listing per edge when syncing many).
   */
  async ensureRecord(label: string, ip: string, known?: VultrDnsRecord[]): Promise<void> {
    let records = known ?? (await this.listRecords());
    const attempts = this.options.createAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const mine = records.filter((r) => r.type === "A" && r.name === label);
      const keep = mine.find((r) => r.data === ip);
      for (const stale of mine) if (stale !== keep) await this.deleteRecord(stale.id);
      if (keep) return;
      try {
        const body = await callVultrOnce(
          "create DNS record",
          () => this.client.createRecord({ "dns-domain": this.domain, name: label, type: "A", data: ip, ttl: this.options.ttlSeconds ?? 60 }),
          this.options.call,
        );
        if (!vultrDnsRecordBodySchema.safeParse(body).success) throw new ProviderError("server-error", "create DNS record: unexpected response shape");
        return;
      } catch (err) {
        // A create that timed out or answered 5xx may have happened: look again before another try.
        const retryable = err instanceof ProviderError && err.failure !== "rejected" && err.failure !== "not-found";
        if (!retryable || attempt >= attempts) throw err;
        if (err.failure !== "rate-limited") await sleep(this.options.call.retryBackoffMs * 2 ** (attempt - 1));
        records = await this.listRecords();
      }
    }
  }

  /**
   * Adds the TXT record `name` → `value` unless it exists (DNS-01 challenges,
   * FleetCertificateIssuer). Vultr keeps TXT data quoted. Throws ProviderError.
   */
  async addTxt(name: string, value: string): Promise<void> {
    const data = `"${value}"`;
    const existing = await this.listRecords();
    if (existing.some((r) => r.type === "TXT" && r.name === name && r.data === data)) return;
    const body = await callVultr("create TXT record", () => this.client.createRecord({ "dns-domain": this.domain, name, type: "TXT", data, ttl: 60 }), this.options.call);
    if (!vultrDnsRecordBodySchema.safeParse(body).success) throw new ProviderError("server-error", "create TXT record: unexpected response shape");
  }

  /** Deletes the TXT records `name` holding `value` (none is fine). Throws ProviderError. */
  async removeTxt(name: string, value: string): Promise<void> {
    for (const record of await this.listRecords()) if (record.type === "TXT" && record.name === name && record.data === `"${value}"`) await this.deleteRecord(record.id);
  }

  /** Deletes every A record named `label` (none is fine). */
  async deleteRecordsOf(label: string, known?: VultrDnsRecord[]): Promise<void> {
    const records = known ?? (await this.listRecords());
    for (const record of records) if (record.type === "A" && record.name === label) await this.deleteRecord(record.id);
  }

  /** DELETE /domains/{dns-domain}/records/{record-id}; a 404 means it is already gone. */
  async deleteRecord(id: string): Promise<void> {
    try {
      await callVultr("delete DNS record", () => this.client.deleteRecord({ "dns-domain": this.domain, "record-id": id }), this.options.call);
    } catch (err) {
      if (err instanceof ProviderError && err.failure === "not-found") return;
      throw err;
    }
  }
}
