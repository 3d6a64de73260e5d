import { randomUUID } from "node:crypto";

/**
 * One DNS record as Vultr API v2 describes it
 * (https://www.vultr.com/api/#tag/dns, schema "dns-record"): `ttl` in seconds,
 * `priority` only meaningful for MX and SRV, `name` "" for the zone apex.
 */
export interface FakeDnsRecord {
  id: string;
  /** "A" | "AAAA" | "CNAME" | "NS" | "MX" | "SRV" | "TXT" | "CAA" | "SSHFP" */
  type: string;
  name: string;
  data: string;
  priority: number;
  ttl: number;
}

const RECORD_TYPES = new Set(["A", "AAAA", "CNAME", "NS", "MX", "SRV", "TXT", "CAA", "SSHFP"]);
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$/;
const NAME = /^(\*|@|[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * The DNS zones of the fake account (Vultr DNS, "domains"), each with its
 * records in creation order. A new zone starts with the two NS records Vultr
 * puts at the apex, so a listing always holds records that are not ours.
 */
export class FakeDnsZones {
  private readonly zones = new Map<string, FakeDnsRecord[]>();

  /** Adds a zone (no-op when it exists). `domain` like "edges.example.com". */
  addDomain(domain: string): void {
    if (this.zones.has(domain)) return;
    this.zones.set(domain, [
      { id: randomUUID(), type: "NS", name: "", data: "ns1.vultr.com", priority: -1, ttl: 300 },
      { id: randomUUID(), type: "NS", name: "", data: "ns2.vultr.com", priority: -1, ttl: 300 },
    ]);
  }

  /** The zone's records, or undefined for an unknown zone. */
  records(domain: string): FakeDnsRecord[] | undefined {
    return this.zones.get(domain);
  }

  /**
   * `POST /domains/{dns-domain}/records` body → the new record, or an error
   * message (answered 400). Requires `name`, `type`, `data`; A records need an
   * IPv4 address; `ttl` (s) defaults to 300, `priority` to 0.
   */
  create(domain: string, body: Record<string, unknown>): FakeDnsRecord | string {
    const records = this.zones.get(domain);
    if (!records) return "Invalid domain.";
    const { name, type, data } = body;
    if (typeof name !== "string" || (name !== "" && !NAME.test(name))) return "Invalid record name.";
    if (typeof type !== "string" || !RECORD_TYPES.has(type)) return "Invalid record type.";
    if (typeof data !== "string" || !data) return "Invalid record data.";
    if (type === "A" && !IPV4.test(data)) return "Invalid IPv4 address.";
    const ttl = body.ttl === undefined ? 300 : Number(body.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return "Invalid TTL.";
    const priority = body.priority === undefined ? 0 : Number(body.priority);
    const record: FakeDnsRecord = { id: randomUUID(), type, name, data, priority: Number.isFinite(priority) ? priority : 0, ttl };
    records.push(record);
    return record;
  }

  /** Removes a record; false when the zone or the record does not exist. */
  delete(domain: string, id: string): boolean {
    const records = this.zones.get(domain);
    const index = records?.findIndex((r) => r.id === id) ?? -1;
    if (!records || index < 0) return false;
    records.splice(index, 1);
    return true;
  }
}
