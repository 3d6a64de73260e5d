import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { FakeDnsZones, type FakeDnsRecord } from "./dns";
import { type Fault, type FaultTarget } from "./faults";
import { type FakeInstance, type InstanceRecord } from "./instance";

/** Options of `startFakeVultr`. Times in ms. */
export interface FakeVultrOptions {
  /** Bearer token the fake accepts (default "fake-vultr-key"). */
  apiKey?: string;
  /** Requests per second above which the fake answers 429 (Vultr: 30). */
  rateLimitPerSecond?: number;
  /** Retry-After seconds sent with rate-limit 429s (default 1). */
  retryAfterS?: number;
  /** Time from create to status "active" with server_status "installingbooting" (default 0). */
  activeAfterMs?: number;
  /** Time from create to server_status "ok" (cloud-init done, default 0). */
  bootMs?: number;
  /**
   * When set, each instance gets its own loopback address (127.0.x.y) as main_ip and, once
   * server_status is "ok", answers `GET /healthz` there on this port — a stand-in for the
   * edge that cloud-init installs — until it is deleted.
   */
  edgeHealthPort?: number;
  /** DNS zones (Vultr DNS "domains") that exist from the start, e.g. ["edges.example.com"]. */
  dnsDomains?: string[];
  /** Delay before every answer, ms (a slow API: ticks longer than the lease). Default 0. */
  latencyMs?: number;
  /**
   * A new instance is left out of `GET /instances` listings (with or without a label filter) for this
   * long after its create, ms, as Vultr's list lags its creates; `GET /instances/{id}` sees it. Default 0.
   */
  listInvisibleMs?: number;
}

/** One request as the fake saw it: when (ms epoch), which operation, and the status answered (0: none). */
export interface FakeRequest {
  at: number;
  target: FaultTarget | "other";
  status: number;
}

/** A running fake Vultr API v2. */
export interface FakeVultr {
  /** Base URL to pass as `baseUrl` to `@vultr/vultr-node` (ends in /v2). */
  baseUrl: string;
  apiKey: string;
  /** Queues a fault for the next matching request(s). */
  inject: (fault: Fault) => void;
  /** Instances currently existing (deleted ones are gone). */
  instances: () => FakeInstance[];
  /** Adds a DNS zone (Vultr DNS "domain"); it starts with two apex NS records. */
  addDnsDomain: (domain: string) => void;
  /** Current records of a DNS zone (copies), or undefined for an unknown zone. */
  dnsRecords: (domain: string) => FakeDnsRecord[] | undefined;
  /** Decoded user data of an instance, by id. */
  userData: (id: string) => string | undefined;
  /** Requests received per whole second (unix seconds → count). */
  requestsPerSecond: () => Map<number, number>;
  /** Highest number of requests received within any whole second. */
  peakRequestsPerSecond: () => number;
  /** Total requests received, by operation. */
  counts: () => Record<FaultTarget, number>;
  /** Every request received, in order (the last 10 000). */
  requests: () => FakeRequest[];
  /** Highest number of instances that existed at once so far. */
  peakInstances: () => number;
  close: () => Promise<void>;
}

const JSON_TYPE = { "content-type": "application/json" };

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...JSON_TYPE, ...headers }).end(JSON.stringify(body));
}

function errorBody(status: number, error: string) {
  return { error, status };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

function paginate<T>(all: T[], url: URL): { page: T[]; meta: { total: number; links: { next: string; prev: string } } } {
  const perPageRaw = url.searchParams.get("per_page");
  const perPage = Math.min(500, Math.max(1, perPageRaw ? Number(perPageRaw) || 100 : 100));
  const cursor = url.searchParams.get("cursor");
  const offset = cursor ? Number(Buffer.from(cursor, "base64").toString("utf8").replace(/^next__/, "")) || 0 : 0;
  const page = all.slice(offset, offset + perPage);
  const next = offset + perPage < all.length ? Buffer.from(`next__${offset + perPage}`).toString("base64") : "";
  const prev = offset > 0 ? Buffer.from(`prev__${Math.max(0, offset - perPage)}`).toString("base64") : "";
  return { page, meta: { total: all.length, links: { next, prev } } };
}

/**
 * Starts a local HTTP server speaking the instance and DNS record endpoints of Vultr API v2
 * (https://www.vultr.com/api/): `POST /v2/instances` (202 {instance}),
 * `GET /v2/instances` (tag, label, region filters; `per_page` default 100, max 500;
 * cursor paging with `meta.links.next`), `GET /v2/instances/{id}`,
 * `DELETE /v2/instances/{id}` (204),
 * `GET /v2/domains/{dns-domain}/records` (`{records, meta}`, same paging),
 * `POST /v2/domains/{dns-domain}/records` (201 {record}),
 * `GET|DELETE /v2/domains/{dns-domain}/records/{record-id}` (200 {record} | 204),
 * 404 for an unknown zone or record (https://www.vultr.com/api/#tag/dns), Bearer auth (401), errors as
 * `{error, status}`. It rate-limits like Vultr (429 with Retry-After), can be
 * told to fail (`inject`), boots slowly (pending → active, installingbooting → ok),
 * answers slowly (`latencyMs`), hides new instances from listings for a while
 * (`listInvisibleMs`), and records every request (`requests()`).
 */
export async function startFakeVultr(options: FakeVultrOptions = {}): Promise<FakeVultr> {
  const apiKey = options.apiKey ?? "fake-vultr-key";
  const limit = options.rateLimitPerSecond ?? 30;
  const records = new Map<string, InstanceRecord>();
  const faults: Fault[] = [];
  const perSecond = new Map<number, number>();
  const recent: number[] = [];
  const counts: Record<FaultTarget, number> = {
    create: 0, list: 0, get: 0, delete: 0, "record-create": 0, "record-list": 0, "record-get": 0, "record-delete": 0, any: 0,
  };
  const dns = new FakeDnsZones();
  for (const domain of options.dnsDomains ?? []) dns.addDomain(domain);
  const healthServers = new Map<string, Server>();
  const hung = new Set<ServerResponse>();
  let nextAddress = 2;
  let peak = 0;
  const log: FakeRequest[] = [];

  const phase = (record: InstanceRecord) => {
    const age = Date.now() - record.createdAtMs;
    const active = age >= (options.activeAfterMs ?? 0);
    const ok = age >= Math.max(options.activeAfterMs ?? 0, options.bootMs ?? 0);
    const instance = record.instance;
    instance.status = active ? "active" : "pending";
    instance.server_status = ok ? "ok" : active ? "installingbooting" : "none";
    instance.power_status = active ? "running" : "stopped";
    instance.main_ip = active ? record.address : "0.0.0.0";
    if (ok && options.edgeHealthPort !== undefined && !healthServers.has(instance.id)) startHealth(record);
    return instance;
  };

  const startHealth = (record: InstanceRecord) => {
    const server = createServer((req, res) => {
      if (req.url === "/healthz") send(res, 200, { ok: true, viewers: 0 });
      else send(res, 404, errorBody(404, "not found"));
    });
    healthServers.set(record.instance.id, server);
    server.on("error", () => undefined);
    server.listen(options.edgeHealthPort, record.address);
  };

  const stopHealth = (id: string) => {
    const server = healthServers.get(id);
    healthServers.delete(id);
    server?.closeAllConnections();
    server?.close();
  };

  const tick = setInterval(() => {
    for (const record of records.values()) phase(record);
  }, 100);
  tick.unref();

  const takeFault = (target: FaultTarget): Fault | undefined => {
    const index = faults.findIndex((f) => f.target === target || f.target === "any");
    if (index < 0) return undefined;
    const fault = faults[index] as Fault;
    const left = (fault.count ?? 1) - 1;
    if (left <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, count: left };
    return fault;
  };

  const answerFault = (fault: Fault, req: IncomingMessage, res: ServerResponse) => {
    if (fault.kind === "429") send(res, 429, errorBody(429, "Rate limit reached - please try your request again later."), { "retry-after": String(fault.retryAfterS ?? 1) });
    else if (fault.kind === "500") send(res, 500, errorBody(500, "Internal server error."));
    else if (fault.kind === "drop") req.socket.destroy();
    else hung.add(res);
  };

  const create = (body: Record<string, unknown>): FakeInstance | string => {
    if (typeof body.region !== "string" || !body.region) return "Invalid region.";
    if (typeof body.plan !== "string" || !body.plan) return "Invalid plan.";
    if (body.os_id === undefined && body.snapshot_id === undefined && body.app_id === undefined && body.image_id === undefined && body.iso_id === undefined) {
      return "You must provide one of os_id, iso_id, snapshot_id, app_id or image_id.";
    }
    const id = randomUUID();
    const n = nextAddress++;
    const address = `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;
    const tags = Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === "string") : [];
    const instance: FakeInstance = {
      id,
      os: "Debian 12 x64 (bookworm)",
      ram: 1024,
      disk: 25,
      main_ip: "0.0.0.0",
      vcpu_count: 1,
      region: body.region,
      plan: body.plan,
      date_created: new Date().toISOString(),
      status: "pending",
      allowed_bandwidth: 1000,
      netmask_v4: "255.255.254.0",
      gateway_v4: "0.0.0.0",
      power_status: "stopped",
      server_status: "none",
      v6_network: "",
      v6_main_ip: "",
      v6_network_size: 0,
      label: typeof body.label === "string" ? body.label : "",
      internal_ip: "",
      kvm: "",
      hostname: typeof body.hostname === "string" ? body.hostname : "vultr.guest",
      tag: tags[0] ?? "",
      tags,
      os_id: Number(body.os_id ?? 0),
      app_id: Number(body.app_id ?? 0),
      image_id: "",
      firewall_group_id: "",
      features: [],
      user_scheme: "root",
    };
    const record: InstanceRecord = { instance, createdAtMs: Date.now(), userData: typeof body.user_data === "string" ? body.user_data : "", address };
    records.set(id, record);
    peak = Math.max(peak, records.size);
    phase(record);
    return instance;
  };

  const list = (url: URL) => {
    const tag = url.searchParams.get("tag");
    const label = url.searchParams.get("label");
    const region = url.searchParams.get("region");
    const all = [...records.values()]
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.instance.id.localeCompare(b.instance.id))
      .filter((r) => Date.now() - r.createdAtMs >= (options.listInvisibleMs ?? 0))
      .map(phase)
      .filter((i) => (tag ? i.tags.includes(tag) : true) && (label ? i.label === label : true) && (region ? i.region === region : true));
    const { page, meta } = paginate(all, url);
    return { instances: page, meta };
  };

  /** The DNS record routes: undefined when the path is not one of them. */
  const dnsRoute = (method: string, path: string): { target: FaultTarget | undefined; domain: string; recordId?: string } | undefined => {
    const m = /^\/v2\/domains\/([^/]+)\/records(?:\/([^/]+))?$/.exec(path);
    if (!m) return undefined;
    const domain = decodeURIComponent(m[1] as string);
    const recordId = m[2] ? decodeURIComponent(m[2]) : undefined;
    const target: FaultTarget | undefined = recordId
      ? method === "GET" ? "record-get" : method === "DELETE" ? "record-delete" : undefined
      : method === "GET" ? "record-list" : method === "POST" ? "record-create" : undefined;
    return { target, domain, recordId };
  };

  const handleDns = async (req: IncomingMessage, res: ServerResponse, url: URL, route: { target: FaultTarget; domain: string; recordId?: string }, fault: Fault | undefined) => {
    const zone = dns.records(route.domain);
    if (route.target === "record-create") {
      let body: Record<string, unknown>;
      try {
        const parsed = await readJson(req);
        body = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
      } catch {
        return send(res, 400, errorBody(400, "Invalid JSON."));
      }
      if (!zone) return fault ? answerFault(fault, req, res) : send(res, 404, errorBody(404, "Invalid domain."));
      const created = dns.create(route.domain, body);
      if (fault) return answerFault(fault, req, res);
      if (typeof created === "string") return send(res, 400, errorBody(400, created));
      return send(res, 201, { record: created });
    }
    if (!zone) return fault ? answerFault(fault, req, res) : send(res, 404, errorBody(404, "Invalid domain."));
    if (route.target === "record-list") {
      const { page, meta } = paginate(zone, url);
      return fault ? answerFault(fault, req, res) : send(res, 200, { records: page, meta });
    }
    const record = zone.find((r) => r.id === route.recordId);
    if (!record) return fault ? answerFault(fault, req, res) : send(res, 404, errorBody(404, "Invalid record."));
    if (route.target === "record-get") return fault ? answerFault(fault, req, res) : send(res, 200, { record });
    dns.delete(route.domain, record.id);
    return fault ? answerFault(fault, req, res) : send(res, 204);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    while (recent.length > 0 && (recent[0] as number) <= now - 1000) recent.shift();
    recent.push(now);

    const url = new URL(req.url ?? "/", "http://fake-vultr");
    const dnsMatch = dnsRoute(req.method ?? "GET", url.pathname);
    const match = /^\/v2\/instances(?:\/([^/]+))?$/.exec(url.pathname);
    const id = match?.[1] ? decodeURIComponent(match[1]) : undefined;
    const target: FaultTarget | undefined = dnsMatch
      ? dnsMatch.target
      : !match
      ? undefined
      : req.method === "POST" && !id
        ? "create"
        : req.method === "GET" && !id
          ? "list"
          : req.method === "GET"
            ? "get"
            : req.method === "DELETE" && id
              ? "delete"
              : undefined;
    counts.any += 1;
    if (target) counts[target] += 1;
    const entry: FakeRequest = { at: now, target: target ?? "other", status: 0 };
    log.push(entry);
    if (log.length > 10_000) log.shift();
    res.on("finish", () => (entry.status = res.statusCode));
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, errorBody(401, "Invalid API token."));
    if (recent.length > limit) {
      return send(res, 429, errorBody(429, "Rate limit reached - please try your request again later."), { "retry-after": String(options.retryAfterS ?? 1) });
    }
    if (!target) return send(res, 404, errorBody(404, "Not found."));

    const fault = takeFault(target);
    if (fault && !fault.commit) return answerFault(fault, req, res);
    if (dnsMatch) return handleDns(req, res, url, { ...dnsMatch, target }, fault);

    let body: Record<string, unknown> = {};
    if (target === "create") {
      try {
        const parsed = await readJson(req);
        body = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
      } catch {
        return send(res, 400, errorBody(400, "Invalid JSON."));
      }
    }

    if (target === "create") {
      const created = create(body);
      if (fault) return answerFault(fault, req, res);
      if (typeof created === "string") return send(res, 400, errorBody(400, created));
      return send(res, 202, { instance: created });
    }
    if (target === "list") {
      const page = list(url);
      if (fault) return answerFault(fault, req, res);
      return send(res, 200, page);
    }
    const record = id ? records.get(id) : undefined;
    if (!record || !id) {
      if (fault) return answerFault(fault, req, res);
      return send(res, 404, errorBody(404, "Invalid instance-id."));
    }
    if (target === "get") return fault ? answerFault(fault, req, res) : send(res, 200, { instance: phase(record) });
    records.delete(id);
    stopHealth(id);
    if (fault) return answerFault(fault, req, res);
    return send(res, 204);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, errorBody(500, String(err))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    apiKey,
    inject: (fault) => faults.push(fault),
    instances: () => [...records.values()].map(phase),
    addDnsDomain: (domain) => dns.addDomain(domain),
    dnsRecords: (domain) => dns.records(domain)?.map((r) => ({ ...r })),
    userData: (id) => {
      const record = records.get(id);
      return record ? Buffer.from(record.userData, "base64").toString("utf8") : undefined;
    },
    requestsPerSecond: () => new Map(perSecond),
    peakRequestsPerSecond: () => Math.max(0, ...perSecond.values()),
    counts: () => ({ ...counts }),
    requests: () => log.map((r) => ({ ...r })),
    peakInstances: () => peak,
    close: async () => {
      clearInterval(tick);
      for (const id of [...healthServers.keys()]) stopHealth(id);
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
