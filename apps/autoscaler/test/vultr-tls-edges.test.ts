/**
 * TLS edges on Vultr (EDGE_DNS_DOMAIN): every edge gets exactly one A record
 * "<label>.<zone>" → its main_ip in Vultr DNS once it has an address, its
 * baseUrl becomes https://<label>.<zone> only then, the record goes with the
 * edge, and records of our labels without an instance are swept — driven
 * through the real @vultr/vultr-node client against the fake Vultr API.
 */
import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { waitFor } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edgeLabelPattern, newEdgeLabel } from "../src/fleet/edge-label";
import { renderEdgeCloudInit } from "../../../infra/cloud-init/render-edge-cloud-init";
import { VultrEdgeDns } from "../src/providers/vultr/vultr-edge-dns";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";

const SECRET = "tls-test-edge-secret-0123456789abcdefgh";
const ZONE = "edges.example.com";

function tlsProvider(fake: FakeVultr, options: { zone?: string; environment?: string } = {}) {
  const environment = options.environment ?? "test";
  const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) as unknown as VultrClient;
  const call = { gate: new VultrGate(25), timeoutMs: 400, rateLimitBackoffMs: 100, retryBackoffMs: 30, maxAttempts: 5 };
  const dns = new VultrEdgeDns(client.dns, { domain: options.zone ?? ZONE, ownedName: edgeLabelPattern(environment), call, perPage: 2 });
  const dnsErrors: string[] = [];
  const provider = new VultrProvider(client, {
    region: "ewr",
    plan: "vc2-1c-1gb",
    osId: "2136",
    hourlyCostCents: 500 / 672,
    environment,
    edgePort: 80,
    userData: (label) => renderEdgeCloudInit({ listenPort: 80, origin: "203.0.113.10:8088", tokenSecret: SECRET, tls: { hostname: dns.hostname(label), acmeEmail: "ops@example.com" } }),
    call,
    dns,
    onDnsError: (message) => dnsErrors.push(message),
  });
  return { provider, client, dnsErrors };
}

/** Our zone's A records named `label`. */
function aRecords(fake: FakeVultr, label: string) {
  return (fake.dnsRecords(ZONE) ?? []).filter((r) => r.type === "A" && r.name === label);
}

async function waitActive(fake: FakeVultr, label: string): Promise<string> {
  const active = () => fake.instances().find((x) => x.label === label && x.status === "active");
  await waitFor(() => active() !== undefined, 30_000, 50, `${label} active`);
  return active()!.main_ip;
}

describe("TLS edges on Vultr: one A record per edge in Vultr DNS, https baseUrl", () => {
  let fake: FakeVultr;
  beforeAll(async () => {
    fake = await startFakeVultr({ activeAfterMs: 200, dnsDomains: [ZONE] });
  });
  afterAll(() => fake.close());

  it("creates exactly one A record once the instance has its address, and only then an https baseUrl", async () => {
    const { provider } = tlsProvider(fake);
    const label = newEdgeLabel("test");
    const created = await provider.create(label);
    expect(created.baseUrl).toBeNull();
    expect(aRecords(fake, label)).toHaveLength(0); // no address yet, so no record

    const ip = await waitActive(fake, label);
    for (let i = 0; i < 3; i++) {
      const listed = (await provider.list()).find((x) => x.label === label);
      expect(listed?.baseUrl).toBe(`https://${label}.${ZONE}`);
    }
    expect((await provider.findByLabel(label))?.baseUrl).toBe(`https://${label}.${ZONE}`);
    const records = aRecords(fake, label);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: "A", name: label, data: ip, ttl: 60 });
    // The zone's own records are left alone.
    expect(fake.dnsRecords(ZONE)?.filter((r) => r.type === "NS")).toHaveLength(2);

    // The edge boots with certbot --webroot for its own name and a 443 server with that certificate.
    const cloudInit = fake.userData(created.id)!;
    expect(cloudInit).toContain("  - certbot\n");
    expect(cloudInit).toContain(`host=${label}.${ZONE}`);
    expect(cloudInit).toMatch(/certbot certonly --webroot -w \/var\/lib\/limelight-edge\/acme -d "\$host" --non-interactive --agree-tos -m 'ops@example\.com'/);
    expect(cloudInit).toContain("--deploy-hook /etc/limelight-edge/certificate-deployed.sh");
    expect(cloudInit).toContain("systemctl reload limelight-edge.service");
    expect(cloudInit).toContain("systemctl enable --now certbot.timer");
    expect(cloudInit).toContain("location ^~ /.well-known/acme-challenge/");
    expect(cloudInit).toContain("listen 0.0.0.0:443 ssl http2 reuseport;");
    expect(cloudInit).toContain(`ssl_certificate /etc/letsencrypt/live/${label}.${ZONE}/fullchain.pem;`);
    expect(cloudInit).toContain(`server_name ${label}.${ZONE};`);

    await provider.delete(created.id);
    expect(aRecords(fake, label)).toHaveLength(0);
    expect(fake.instances().find((x) => x.label === label)).toBeUndefined();
  });

  it("still makes exactly one record when creates answer 500 (one of them after creating it) and listings hit 429 and hangs", async () => {
    const { provider } = tlsProvider(fake);
    const a = newEdgeLabel("test");
    const b = newEdgeLabel("test");
    const ia = await provider.create(a);
    const ib = await provider.create(b);
    await waitActive(fake, a);
    await waitActive(fake, b);
    fake.inject({ target: "record-list", kind: "429" });
    fake.inject({ target: "record-list", kind: "hang" });
    fake.inject({ target: "record-create", kind: "500" });
    fake.inject({ target: "record-create", kind: "500", commit: true });
    const listed = await provider.list();
    expect(listed.find((x) => x.label === a)?.baseUrl).toBe(`https://${a}.${ZONE}`);
    expect(listed.find((x) => x.label === b)?.baseUrl).toBe(`https://${b}.${ZONE}`);
    expect(aRecords(fake, a)).toHaveLength(1);
    expect(aRecords(fake, b)).toHaveLength(1);
    await provider.delete(ia.id);
    await provider.delete(ib.id);
  });

  it("leaves baseUrl null while the record cannot be made, and makes it on a later list", async () => {
    const { provider, dnsErrors } = tlsProvider(fake);
    const label = newEdgeLabel("test");
    const created = await provider.create(label);
    await waitActive(fake, label);
    fake.inject({ target: "record-create", kind: "500", count: 3 });
    expect((await provider.list()).find((x) => x.label === label)?.baseUrl).toBeNull();
    expect(aRecords(fake, label)).toHaveLength(0);
    expect(dnsErrors.join("\n")).toContain(label);
    expect((await provider.list()).find((x) => x.label === label)?.baseUrl).toBe(`https://${label}.${ZONE}`);
    expect(aRecords(fake, label)).toHaveLength(1);
    await provider.delete(created.id);
  });

  it("deletes the record with the edge, also when the first delete answers 500 after deleting, and when a record delete fails", async () => {
    const { provider } = tlsProvider(fake);
    const a = newEdgeLabel("test");
    const b = newEdgeLabel("test");
    const ia = await provider.create(a);
    const ib = await provider.create(b);
    await waitActive(fake, a);
    await waitActive(fake, b);
    await provider.list();
    expect(aRecords(fake, a)).toHaveLength(1);
    expect(aRecords(fake, b)).toHaveLength(1);

    fake.inject({ target: "delete", kind: "500", commit: true });
    await provider.delete(ia.id);
    expect(fake.instances().find((x) => x.label === a)).toBeUndefined();
    expect(aRecords(fake, a)).toHaveLength(0);

    fake.inject({ target: "record-delete", kind: "500", count: 2 });
    fake.inject({ target: "delete", kind: "500" });
    await provider.delete(ib.id);
    expect(fake.instances().find((x) => x.label === b)).toBeUndefined();
    expect(aRecords(fake, b)).toHaveLength(0);
  });

  it("sweeps A records of our labels whose instance is gone, and never touches other records", async () => {
    const { provider, client } = tlsProvider(fake);
    const live = newEdgeLabel("test");
    const created = await provider.create(live);
    await waitActive(fake, live);
    const orphan = newEdgeLabel("test");
    const otherEnv = newEdgeLabel("test-2");
    for (const [name, data] of [[orphan, "198.51.100.7"], [otherEnv, "198.51.100.8"], ["www", "198.51.100.9"], ["ll-test-stray", "198.51.100.10"]] as const) {
      await client.dns.createRecord({ "dns-domain": ZONE, name, type: "A", data, ttl: 60 });
    }
    await provider.list();
    const names = (fake.dnsRecords(ZONE) ?? []).filter((r) => r.type === "A").map((r) => r.name);
    expect(names).not.toContain(orphan);
    expect(names).toEqual(expect.arrayContaining([live, otherEnv, "www", "ll-test-stray"]));
    await provider.delete(created.id);
  });

  it("fails the listing (so reconciliation waits) when the DNS zone does not exist, and says so", async () => {
    const { provider } = tlsProvider(fake, { zone: "missing.example.com" });
    await expect(provider.list()).rejects.toMatchObject({ failure: "not-found", message: expect.stringContaining("list DNS records") });
  });
});

/** The files a #cloud-config writes (`write_files`), by path, un-indented. */
function writtenFiles(cloudInit: string): Map<string, string> {
  const files = new Map<string, string>();
  const section = cloudInit.slice(cloudInit.indexOf("write_files:\n"), cloudInit.indexOf("\nruncmd:\n"));
  for (const chunk of section.split("\n  - path: ").slice(1)) {
    const [path, , , ...content] = chunk.split("\n");
    files.set(path!, content.map((line) => line.slice(6)).join("\n"));
  }
  return files;
}

describe("TLS edge cloud-init", () => {
  const label = "ll-test-0123456789ab";
  const tls = { hostname: `${label}.${ZONE}`, acmeEmail: "ops@example.com" };
  const base = { listenPort: 80, origin: "203.0.113.10:8088", tokenSecret: SECRET };

  it("boots on port 80 only, with scripts bash accepts, and switches to the 443 config once certbot has the certificate", () => {
    const files = writtenFiles(renderEdgeCloudInit({ ...base, tls }));
    const first = files.get("/etc/limelight-edge/nginx.conf")!;
    const tlsConf = files.get("/etc/limelight-edge/nginx-tls.conf")!;
    expect(first).not.toContain("443");
    expect(first).toContain("/.well-known/acme-challenge/");
    expect(tlsConf).toContain(`ssl_certificate_key /etc/letsencrypt/live/${label}.${ZONE}/privkey.pem;`);
    expect(files.get("/etc/limelight-edge/certificate-deployed.sh")).toContain("install -m 0600 /etc/limelight-edge/nginx-tls.conf /etc/limelight-edge/nginx.conf");
    expect(files.get("/etc/systemd/system/limelight-edge-certificate.service")).toContain("ExecStart=/bin/bash /etc/limelight-edge/obtain-certificate.sh");
    const dir = mkdtempSync(join(tmpdir(), "limelight-cloud-init-"));
    try {
      for (const name of ["obtain-certificate.sh", "certificate-deployed.sh", "viewer-counter.sh"]) {
        const script = join(dir, name);
        writeFileSync(script, files.get(`/etc/limelight-edge/${name}`)!);
        const check = spawnSync("bash", ["-n", script], { encoding: "utf8" });
        expect(check.stderr).toBe("");
        expect(check.status).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without TLS installs no certbot and serves plain HTTP, as before", () => {
    const plain = renderEdgeCloudInit(base);
    expect(plain).not.toContain("certbot");
    expect(plain).not.toContain("ssl");
    expect(writtenFiles(plain).get("/etc/limelight-edge/nginx.conf")).toContain("listen 0.0.0.0:80 reuseport;");
  });

  it("refuses TLS on a port Let's Encrypt does not validate, and an email that would break the script", () => {
    expect(() => renderEdgeCloudInit({ ...base, listenPort: 8080, tls })).toThrow(/port 80/);
    expect(() => renderEdgeCloudInit({ ...base, tls: { ...tls, acmeEmail: "ops@example.com'; rm -rf /" } })).toThrow(/acmeEmail/);
    expect(() => renderEdgeCloudInit({ ...base, tls: { ...tls, hostname: "Not A Name" } })).toThrow(/serverName/);
  });
});
