/**
 * The fake Vultr API answers the DNS record endpoints the way Vultr's API
 * reference describes them (https://www.vultr.com/api/#tag/dns), as seen
 * through the real @vultr/vultr-node client: cursor paging, 201/204, 404 for
 * an unknown zone or record, 400 for a bad record, and injected faults.
 */
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("fake Vultr DNS records through @vultr/vultr-node", () => {
  let fake: FakeVultr;
  let client: ReturnType<typeof initialize>;
  beforeAll(async () => {
    fake = await startFakeVultr({ dnsDomains: ["edges.example.com"] });
    client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl });
  });
  afterAll(() => fake.close());

  it("creates, pages through, gets and deletes records", async () => {
    const created = (await client.dns.createRecord({ "dns-domain": "edges.example.com", name: "a1", type: "A", data: "198.51.100.1", ttl: 60 })) as { record: { id: string } };
    expect(created.record).toMatchObject({ type: "A", name: "a1", data: "198.51.100.1", ttl: 60 });
    await client.dns.createRecord({ "dns-domain": "edges.example.com", name: "a2", type: "A", data: "198.51.100.2" });

    const first = (await client.dns.listRecords({ "dns-domain": "edges.example.com", per_page: "3" })) as { records: { name: string }[]; meta: { total: number; links: { next: string } } };
    expect(first.records).toHaveLength(3);
    expect(first.meta.total).toBe(4); // two apex NS records and ours
    const second = (await client.dns.listRecords({ "dns-domain": "edges.example.com", per_page: "3", cursor: first.meta.links.next })) as typeof first;
    expect(second.meta.links.next).toBe("");
    expect([...first.records, ...second.records].map((r) => r.name)).toEqual(["", "", "a1", "a2"]);

    expect(await client.dns.getRecord({ "dns-domain": "edges.example.com", "record-id": created.record.id })).toMatchObject({ record: { name: "a1" } });
    expect(await client.dns.deleteRecord({ "dns-domain": "edges.example.com", "record-id": created.record.id })).toBeUndefined();
    const gone = await client.dns.deleteRecord({ "dns-domain": "edges.example.com", "record-id": created.record.id });
    expect(gone).toBeInstanceOf(Error);
    expect((gone as Error).message).toMatch(/^Not Found/);
  });

  it("answers 404 for an unknown zone and 400 for a bad record", async () => {
    const unknown = await client.dns.listRecords({ "dns-domain": "nope.example.com" });
    expect((unknown as Error).message).toMatch(/^Not Found/);
    const bad = await client.dns.createRecord({ "dns-domain": "edges.example.com", name: "x", type: "A", data: "not-an-ip" });
    expect((bad as Error).message).toMatch(/^Bad Request/);
  });

  it("applies injected faults to DNS calls: 429, and a 500 after creating", async () => {
    fake.inject({ target: "record-list", kind: "429" });
    expect(((await client.dns.listRecords({ "dns-domain": "edges.example.com" })) as Error).message).toMatch(/^Too Many Requests/);
    fake.inject({ target: "record-create", kind: "500", commit: true });
    const failed = await client.dns.createRecord({ "dns-domain": "edges.example.com", name: "hidden", type: "A", data: "198.51.100.3" });
    expect((failed as Error).message).toMatch(/^Internal Server Error/);
    expect(fake.dnsRecords("edges.example.com")?.filter((r) => r.name === "hidden")).toHaveLength(1);
  });
});
