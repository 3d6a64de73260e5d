import { startFakeVultr, type FakeVultr } from "@limelight/fake-vultr";
import { waitFor } from "@limelight/testkit";
import { initialize } from "@vultr/vultr-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../src/providers/edge-provider";
import { renderEdgeCloudInit } from "../../../infra/cloud-init/render-edge-cloud-init";
import { VultrGate } from "../src/providers/vultr/vultr-gate";
import { EDGE_TAG, VultrProvider, type VultrClient } from "../src/providers/vultr/vultr-provider";

const SECRET = "test-edge-secret-0123456789abcdefghij";

function provider(fake: FakeVultr, overrides: { environment?: string; perPage?: number; rps?: number; timeoutMs?: number } = {}) {
  const client = initialize({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) as unknown as VultrClient;
  return new VultrProvider(client, {
    region: "ewr",
    plan: "vc2-1c-1gb",
    osId: "2136",
    hourlyCostCents: 500 / 672,
    environment: overrides.environment ?? "test",
    edgePort: 80,
    userData: renderEdgeCloudInit({ listenPort: 80, origin: "203.0.113.10:8088", tokenSecret: SECRET }),
    perPage: overrides.perPage,
    call: { gate: new VultrGate(overrides.rps ?? 25), timeoutMs: overrides.timeoutMs ?? 1_000, rateLimitBackoffMs: 200, retryBackoffMs: 50, maxAttempts: 5 },
  });
}

describe("VultrProvider against a fake Vultr API v2 through @vultr/vultr-node", () => {
  let fake: FakeVultr;
  beforeAll(async () => {
    fake = await startFakeVultr({ activeAfterMs: 200, bootMs: 400 });
  });
  afterAll(() => fake.close());

  it("creates tagged instances with base64 cloud-init that installs the edge, and lists only ours across pages", async () => {
    const ours = provider(fake, { perPage: 3 });
    const other = provider(fake, { environment: "other" });
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await ours.create(`ll-test-page${i}`));
    await other.create("ll-other-1");

    const listed = await ours.list();
    expect(listed.map((i) => i.label).sort()).toEqual(created.map((i) => i.label).sort());
    expect(fake.counts().list).toBeGreaterThanOrEqual(3); // 7 instances, 3 per page

    const instance = fake.instances().find((i) => i.label === "ll-test-page0")!;
    expect(instance.tags).toEqual([EDGE_TAG, "limelight-env-test"]);
    expect(instance.os_id).toBe(2136);
    const cloudInit = fake.userData(instance.id)!;
    expect(cloudInit.startsWith("#cloud-config")).toBe(true);
    expect(cloudInit).toContain("- nginx");
    expect(cloudInit).toContain("203.0.113.10:8088");
    expect(cloudInit).toContain(SECRET);
    expect(cloudInit).toContain("secure_link");
    // On images with ufw the edge's HTTP port is opened, or the health check could never reach it.
    expect(cloudInit).toContain("ufw allow 80/tcp;");

    for (const i of [...listed, ...(await other.list())]) await ours.delete(i.id);
    expect(fake.instances()).toHaveLength(0);
  });

  it("reports a booting instance as pending without an address, then active with its main_ip", async () => {
    const p = provider(fake);
    const created = await p.create("ll-test-boot");
    expect(created.state).toBe("pending");
    expect(created.baseUrl).toBeNull();
    // The fake boots it after activeAfterMs: wait for that, not for a fixed time.
    await waitFor(async () => (await p.findByLabel("ll-test-boot"))?.state === "active", 30_000, 50, "the instance active");
    const later = await p.findByLabel("ll-test-boot");
    expect(later?.state).toBe("active");
    expect(later?.baseUrl).toMatch(/^http:\/\/127\.0\.\d+\.\d+:80$/);
    await p.delete(created.id);
  });

  it("backs off on 429 Too Many Requests and 500s, and retries a hung call after its deadline", async () => {
    const p = provider(fake, { timeoutMs: 300 });
    fake.inject({ target: "list", kind: "429", retryAfterS: 1 });
    fake.inject({ target: "list", kind: "500" });
    fake.inject({ target: "list", kind: "hang" });
    fake.inject({ target: "list", kind: "drop" });
    const before = fake.counts().list;
    await expect(p.list()).resolves.toEqual([]);
    expect(fake.counts().list - before).toBe(5);
  });

  it("does not retry a failed create itself; the instance a 500 hid is found by its label", async () => {
    const p = provider(fake);
    fake.inject({ target: "create", kind: "500", commit: true });
    const error = await p.create("ll-test-hidden").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).failure).toBe("server-error");
    const found = await p.findByLabel("ll-test-hidden");
    expect(found?.label).toBe("ll-test-hidden");
    expect(fake.instances().filter((i) => i.label === "ll-test-hidden")).toHaveLength(1);
    await p.delete(found!.id);
  });

  it("fails at once on a rejected request (bad plan) and on a wrong API key", async () => {
    const p = provider(fake);
    const bad = new VultrProvider(initialize({ apiKey: "wrong", baseUrl: fake.baseUrl }) as unknown as VultrClient, {
      region: "ewr", plan: "vc2-1c-1gb", osId: "2136", hourlyCostCents: 1, environment: "test", edgePort: 80, userData: "#cloud-config\n",
      call: { gate: new VultrGate(25), timeoutMs: 1_000, rateLimitBackoffMs: 100, retryBackoffMs: 50, maxAttempts: 5 },
    });
    const before = fake.counts().list;
    await expect(bad.list()).rejects.toMatchObject({ failure: "rejected" });
    expect(fake.counts().list - before).toBe(1);
    fake.inject({ target: "create", kind: "429" });
    await expect(p.create("ll-test-limited")).rejects.toMatchObject({ failure: "rate-limited" });
    expect(await p.findByLabel("ll-test-limited")).toBeNull();
  });

  it("retries deletes until the instance is gone, also when a 500 hid a delete that happened", async () => {
    const p = provider(fake);
    const a = await p.create("ll-test-del-a");
    const b = await p.create("ll-test-del-b");
    fake.inject({ target: "delete", kind: "500", count: 2 });
    await p.delete(a.id);
    fake.inject({ target: "delete", kind: "500", commit: true });
    await p.delete(b.id);
    expect(fake.instances().filter((i) => i.label.startsWith("ll-test-del"))).toHaveLength(0);
  });

  it("stays under Vultr's 30 requests per second when many calls start at once", async () => {
    const limited = await startFakeVultr({ rateLimitPerSecond: 30 });
    try {
      const p = provider(limited, { rps: 20 });
      await Promise.all(Array.from({ length: 50 }, () => p.list()));
      expect(limited.peakRequestsPerSecond()).toBeLessThanOrEqual(30);
      expect(limited.counts().list).toBe(50); // not one 429 needed a retry
    } finally {
      await limited.close();
    }
  });
});
