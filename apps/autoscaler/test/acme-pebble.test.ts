/**
 * The fleet's wildcard certificate issued and renewed end to end: acme-client
 * against Pebble (the RFC 8555 test server, Debian package `pebble`), DNS-01
 * records written through the fake Vultr DNS API and answered to Pebble by a
 * small test DNS server it is pointed at with `-dnsserver`.
 */
import { startFakeVultr, startTestDnsServer, type FakeVultr, type TestDnsServer } from "@limelight/fake-vultr";
import { createDb } from "@limelight/db";
import { createSqliteDatabase, freePort, spawnLogged, waitFor, type Spawned } from "@limelight/testkit";
import * as acme from "acme-client";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FleetCertificateIssuer, RENEW_BEFORE_MS, renewFleetCertificate, type FleetCertificate } from "../src/acme/fleet-certificate";
import { edgeLabelPattern } from "../src/fleet/edge-label";
import { VultrEdgeDns } from "../src/providers/vultr/vultr-edge-dns";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { createVultrRestClient } from "../src/providers/vultr/vultr-rest-client";
import { seedShow, spawnAutoscaler } from "./helpers";

const ZONE = "edges.limelight.test";
const hasPebble = existsSync("/usr/bin/pebble");
if (!hasPebble) console.warn("acme-pebble.test.ts skipped: the Debian package pebble is not installed (infra/scripts/install-system-deps.sh installs it)");

describe.skipIf(!hasPebble)("fleet wildcard certificate by ACME DNS-01 (Pebble)", () => {
  let dir: string;
  let fake: FakeVultr;
  let dnsServer: TestDnsServer;
  let pebble: Spawned;
  let directoryUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "limelight-pebble-"));
    // Pebble's own HTTPS certificate, trusted by acme-client's HTTP client in this process only.
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")], { stdio: "ignore" });
    acme.axios.defaults.httpsAgent = new Agent({ ca: readFileSync(join(dir, "cert.pem")) });

    fake = await startFakeVultr({ dnsDomains: [ZONE] });
    dnsServer = await startTestDnsServer([ZONE], (zone) => fake.dnsRecords(zone));
    const [port, management, http, tls] = [await freePort(), await freePort(), await freePort(), await freePort()];
    writeFileSync(join(dir, "pebble.json"), JSON.stringify({
      pebble: { listenAddress: `127.0.0.1:${port}`, managementListenAddress: `127.0.0.1:${management}`, certificate: join(dir, "cert.pem"), privateKey: join(dir, "key.pem"), httpPort: http, tlsPort: tls, ocspResponderURL: "", externalAccountBindingRequired: false },
    }));
    pebble = spawnLogged("pebble", ["-config", join(dir, "pebble.json"), "-dnsserver", dnsServer.address, "-strict"], {
      env: { ...process.env, PEBBLE_VA_NOSLEEP: "1", PEBBLE_WFE_NONCEREJECT: "0", PEBBLE_AUTHZREUSE: "0" },
    });
    directoryUrl = `https://127.0.0.1:${port}/dir`;
    await waitFor(async () => (await acme.axios.get(directoryUrl)).status === 200, 30_000, 200, `Pebble directory: ${pebble.output()}`);
  }, 60_000);

  afterAll(async () => {
    await pebble?.stop();
    await dnsServer?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("issues *.<zone> through TXT records in (fake) Vultr DNS, removes them, and renews only when due", async () => {
    const dns = new VultrEdgeDns(createVultrRestClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, timeoutMs: 5_000 }).dns, {
      domain: ZONE,
      ownedName: edgeLabelPattern("test"),
      call: { gate: new VultrGate(20), timeoutMs: 5_000, rateLimitBackoffMs: 200, retryBackoffMs: 50, maxAttempts: 3 },
    });
    const client = new acme.Client({ directoryUrl, accountKey: await acme.crypto.createPrivateKey() });
    const issuer = new FleetCertificateIssuer(client, { zone: ZONE, email: "ops@limelight.test", dns });
    let stored: FleetCertificate | null = null;
    const store = { load: async () => stored, save: async (c: FleetCertificate) => void (stored = c) };

    const first = await renewFleetCertificate(issuer, store, Date.now());
    expect(first.renewed).toBe(true);
    const info = acme.crypto.readCertificateInfo(first.cert.certPem);
    expect(info.domains.altNames).toEqual([`*.${ZONE}`]);
    expect(first.cert.keyPem).toContain("PRIVATE KEY");
    // Pebble really looked the challenge up in our zone, and the record is gone again.
    expect(dnsServer.queries()).toContain(`TXT _acme-challenge.${ZONE}`);
    expect(fake.dnsRecords(ZONE)!.filter((r) => r.type === "TXT")).toEqual([]);

    // Not due: nothing is issued.
    const again = await renewFleetCertificate(issuer, store, Date.now());
    expect(again).toEqual({ cert: first.cert, renewed: false });
    // Within 30 days of expiry: a new certificate replaces it.
    const due = await renewFleetCertificate(issuer, store, first.cert.notAfter - RENEW_BEFORE_MS + 60_000);
    expect(due.renewed).toBe(true);
    expect(due.cert.certPem).not.toBe(first.cert.certPem);
    expect(stored).toEqual(due.cert);
  }, 120_000);

  it("the autoscaler issues the fleet certificate once and gives it to every new edge in its user data (no certbot on edges)", async () => {
    const dbUrl = createSqliteDatabase();
    const db = createDb(dbUrl);
    await seedShow(db, { startsInMs: 5 * 60_000, tickets: 100 });
    const child = spawnAutoscaler(fake, dbUrl, await freePort(), {
      AUTOSCALER_HOLDER_ID_FILE: join(dir, "holder"),
      EDGE_DNS_DOMAIN: ZONE,
      EDGE_ACME_EMAIL: "ops@limelight.test",
      ACME_DIRECTORY_URL: directoryUrl,
      EDGE_CERTIFICATES: "fleet",
      // Pebble's HTTPS certificate, trusted by the autoscaler process like a private CA would be.
      NODE_EXTRA_CA_CERTS: join(dir, "cert.pem"),
    });
    try {
      await waitFor(() => fake.instances().length === 2, 60_000, 200, `2 edges (autoscaler output: ${child.output()})`);
      const row = await db.fleetCertificate.findUniqueOrThrow({ where: { zone: ZONE } });
      expect(acme.crypto.readCertificateInfo(row.certPem).domains.altNames).toEqual([`*.${ZONE}`]);
      for (const instance of fake.instances()) {
        const userData = fake.userData(instance.id)!;
        expect(userData).toContain("/etc/limelight-edge/tls/fullchain.pem");
        expect(userData).toContain(row.certPem.split("\n")[1]);
        expect(userData).not.toContain("certbot");
      }
    } finally {
      await child.stop();
      await db.$disconnect();
    }
  }, 120_000);
});
