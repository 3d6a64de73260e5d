import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { type AddressInfo } from "node:net";
import Stripe from "stripe";
import { parseFormBody, type FormValue } from "./form-body";
import { type AccountObject, type ChargeObject, type CheckoutSessionObject, type ErrorObject, type EventObject, type RefundObject, type TransferObject } from "./objects";
import { ConnectError, createFakeConnect, type FakeConnect } from "./connect";

/** Options of startFakeStripe. */
export interface FakeStripeOptions {
  /** Port to listen on (0 = any free port; the default). */
  port?: number;
  /** Secret used to sign webhooks (`whsec_...`). */
  webhookSecret?: string;
  /** Clock in ms; defaults to Date.now (tests move time to expire sessions). */
  now?: () => number;
  /**
   * When set, the Connect events the fake generates (account.updated on
   * onboarding, transfer.created, transfer.reversed) are signed and POSTed
   * here, like a Stripe webhook endpoint of the platform (best effort, once).
   */
  webhookUrl?: string;
}

/** What a delivered webhook got back. */
export interface WebhookDelivery {
  status: number;
  body: string;
}

/** A running fake Stripe API server. */
export interface FakeStripe {
  /** For the stripe client: `new Stripe(key, { host, port, protocol })`. */
  host: string;
  port: number;
  protocol: "http";
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  webhookSecret: string;
  /** Sessions by id (live objects; read-only for tests). */
  sessions: ReadonlyMap<string, CheckoutSessionObject>;
  /** Refunds in creation order. */
  refunds: readonly RefundObject[];
  /** Charges by id (one per paid session). */
  charges: ReadonlyMap<string, ChargeObject>;
  /** The charge of a payment intent (throws when unknown). */
  chargeFor(paymentIntentId: string): ChargeObject;
  /** Number of API requests answered (replays included). */
  requestCount(): number;
  /**
   * Simulates the buyer paying: status "complete", payment_status "paid", a
   * new `pi_...`. Throws when the session is unknown or not open (unless
   * `force`, which completes even an expired session, as a race at
   * Stripe's side would look to us).
   */
  completeSession(sessionId: string, options?: { force?: boolean }): CheckoutSessionObject;
  /** Simulates Stripe expiring an open session (status "expired"). */
  expireSession(sessionId: string): CheckoutSessionObject;
  /**
   * Runs `hook` after a request was carried out and before its reply is sent
   * (tests kill the calling process there: the call happened at Stripe, its
   * reply never arrives). `undefined` removes it.
   */
  beforeReply(hook: ((method: string, path: string) => Promise<void> | void) | undefined): void;
  /** Makes the next `count` API requests fail with `status` (500 api_error by default). */
  failNext(count: number, status?: number): void;
  /** An event of `type` whose data.object is a snapshot of the session (`cs_...`) or charge (`ch_...`) with that id. */
  eventFor(type: string, objectId: string): EventObject;
  /**
   * Connect: connected accounts, transfers, the events they produced and
   * simulations (finishing onboarding, the account paying out its balance).
   * See connect.ts. `GET /connect/onboarding/<acct>` (the Account Link URL)
   * finishes onboarding and redirects to the link's return_url.
   */
  connect: FakeConnect;
  /** An event of `type` around a snapshot of `object` (e.g. an entry of `connect.events`). */
  eventOf(type: string, object: AccountObject | TransferObject): EventObject;
  /** Serialises and signs an event: the raw body and its `Stripe-Signature` header. */
  sign(event: EventObject, options?: { secret?: string; timestamp?: number }): { payload: string; header: string };
  /** POSTs a signed event to `url` like Stripe's webhook delivery. */
  deliver(url: string, event: EventObject): Promise<WebhookDelivery>;
  stop(): Promise<void>;
}

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorObject,
  ) {
    super(body.error.message);
  }
}

function invalid(message: string, param?: string, code?: string, status = 400): HttpError {
  return new HttpError(status, { error: { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) } });
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

function str(value: FormValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function obj(value: FormValue | undefined): Record<string, FormValue> {
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

function int(value: FormValue | undefined, param: string): number {
  const s = str(value);
  if (s === undefined || !/^-?\d+$/.test(s)) throw invalid(`Invalid integer: ${s ?? "(missing)"}`, param);
  return Number(s);
}

function stringMap(value: FormValue | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(value)).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * Starts a local HTTP server answering the Stripe API calls Limelight makes,
 * in the shapes of Stripe's published API (form-encoded requests, JSON
 * replies, Stripe error bodies, `Idempotency-Key` replay):
 * - POST /v1/checkout/sessions (mode=payment, one price_data line item, expires_at 30 min–24 h ahead)
 * - GET  /v1/checkout/sessions/:id (404 resource_missing when unknown; open sessions past expires_at read as expired)
 * - POST /v1/checkout/sessions/:id/expire (400 unless open)
 * - POST /v1/refunds (payment_intent, optional amount; 400 charge_already_refunded past the total)
 * - GET  /v1/charges/:id (amount_refunded / refunded follow the refunds)
 * - Connect (connect.ts): POST /v1/accounts, GET /v1/accounts/:id,
 *   POST /v1/account_links, POST|GET /v1/transfers, GET /v1/transfers/:id,
 *   POST /v1/transfers/:id/reversals; errors resource_missing,
 *   insufficient_capabilities_for_transfer, balance_insufficient, ...
 * Requests need `Authorization: Bearer sk_...`. Webhooks are signed with the
 * real stripe library (`Stripe.webhooks.generateTestHeaderString`).
 * Sources: https://docs.stripe.com/api/checkout/sessions ,
 * https://docs.stripe.com/api/refunds , https://docs.stripe.com/api/idempotent_requests
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const now = options.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);
  /** A Stripe Event object (https://docs.stripe.com/api/events/object) carrying a copy of `object`. */
  const stripeEvent = (type: string, object: EventObject["data"]["object"]): EventObject => ({
    id: id("evt_test"),
    object: "event",
    api_version: "2025-01-01",
    created: seconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  });
  const webhookSecret = options.webhookSecret ?? "whsec_fake_stripe_secret";
  const sessions = new Map<string, CheckoutSessionObject>();
  const refunds: RefundObject[] = [];
  const charges = new Map<string, ChargeObject>();
  const idempotent = new Map<string, StoredResponse>();
  let requests = 0;
  let failures = { count: 0, status: 500 };
  let baseUrl = "";
  const connect = createFakeConnect({
    platformAvailable: () => [...charges.values()].reduce((sum, c) => sum + c.amount, 0) - refunds.reduce((sum, r) => sum + r.amount, 0),
    baseUrl: () => baseUrl,
    seconds,
    chargeExists: (chargeId) => charges.has(chargeId),
  });
  let deliveredConnectEvents = 0;
  let replyHook: ((method: string, path: string) => Promise<void> | void) | undefined;
  function deliverConnectEvents(): void {
    if (!options.webhookUrl) return;
    const pending = connect.events.slice(deliveredConnectEvents);
    deliveredConnectEvents = connect.events.length;
    for (const e of pending) void fake.deliver(options.webhookUrl, fake.eventOf(e.type, e.object)).catch(() => undefined);
  }

  function session(sessionId: string): CheckoutSessionObject {
    const s = sessions.get(sessionId);
    if (!s) throw invalid(`No such checkout.session: '${sessionId}'`, "session", "resource_missing", 404);
    if (s.status === "open" && s.expires_at <= seconds()) {
      s.status = "expired";
      s.url = null;
    }
    return s;
  }

  function createSession(form: Record<string, FormValue>): CheckoutSessionObject {
    const mode = str(form.mode);
    if (mode !== "payment") throw invalid("Only mode=payment is supported by this server", "mode");
    const items = Array.isArray(form.line_items) ? form.line_items : [];
    if (items.length === 0) throw invalid("line_items is required in payment mode", "line_items");
    const summary = items.map((raw, i) => {
      const item = obj(raw);
      const price = obj(item.price_data);
      const currency = str(price.currency);
      if (!currency) throw invalid("Missing required param: line_items[0][price_data][currency].", `line_items[${i}][price_data][currency]`);
      const name = str(obj(price.product_data).name);
      if (!name) throw invalid("Missing required param: product_data[name].", `line_items[${i}][price_data][product_data][name]`);
      const unitAmount = int(price.unit_amount, `line_items[${i}][price_data][unit_amount]`);
      if (unitAmount < 50) throw invalid("The Checkout Session's total amount due must add up to at least $0.50 usd", "line_items", "amount_too_small");
      const quantity = item.quantity === undefined ? 1 : int(item.quantity, `line_items[${i}][quantity]`);
      return { name, quantity, unit_amount: unitAmount, currency };
    });
    const currency = summary[0]?.currency ?? "usd";
    const created = seconds();
    const expiresAt = form.expires_at === undefined ? created + 24 * 3600 : int(form.expires_at, "expires_at");
    if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
      throw invalid("The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
    }
    const total = summary.reduce((sum, l) => sum + l.unit_amount * l.quantity, 0);
    const sessionId = id("cs_test");
    const s: CheckoutSessionObject = {
      id: sessionId,
      object: "checkout.session",
      mode,
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      amount_subtotal: total,
      amount_total: total,
      currency,
      client_reference_id: str(form.client_reference_id) ?? null,
      customer_email: str(form.customer_email) ?? null,
      metadata: stringMap(form.metadata),
      success_url: str(form.success_url) ?? null,
      cancel_url: str(form.cancel_url) ?? null,
      url: `${baseUrl}/c/pay/${sessionId}`,
      created,
      expires_at: expiresAt,
      livemode: false,
      payment_method_types: ["card"],
      line_items_summary: summary.map(({ name, quantity, unit_amount }) => ({ name, quantity, unit_amount })),
    };
    sessions.set(sessionId, s);
    return s;
  }

  function expire(sessionId: string): CheckoutSessionObject {
    const s = session(sessionId);
    if (s.status !== "open") {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`);
    }
    s.status = "expired";
    s.url = null;
    return s;
  }

  function refund(form: Record<string, FormValue>): RefundObject {
    const pi = str(form.payment_intent);
    if (!pi) throw invalid("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent");
    const paid = [...sessions.values()].find((s) => s.payment_intent === pi);
    if (!paid) throw invalid(`No such payment_intent: '${pi}'`, "payment_intent", "resource_missing", 404);
    const already = refunds.filter((r) => r.payment_intent === pi).reduce((sum, r) => sum + r.amount, 0);
    const amount = form.amount === undefined ? paid.amount_total - already : int(form.amount, "amount");
    if (amount <= 0 || already + amount > paid.amount_total) {
      throw invalid(`Charge for payment_intent ${pi} has already been refunded.`, undefined, "charge_already_refunded");
    }
    const r: RefundObject = { id: id("re_test"), object: "refund", amount, currency: paid.currency, payment_intent: pi, status: "succeeded", metadata: stringMap(form.metadata), created: seconds() };
    refunds.push(r);
    const charge = [...charges.values()].find((c) => c.payment_intent === pi);
    if (charge) {
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded >= charge.amount;
    }
    return r;
  }

  function route(method: string, path: string, form: Record<string, FormValue>, query: URLSearchParams): unknown {
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(form);
    const expireMatch = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (method === "POST" && expireMatch) return expire(decodeURIComponent(expireMatch[1] ?? ""));
    const getMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && getMatch) return session(decodeURIComponent(getMatch[1] ?? ""));
    if (method === "POST" && path === "/v1/refunds") return refund(form);
    const chargeMatch = /^\/v1\/charges\/([^/]+)$/.exec(path);
    if (method === "GET" && chargeMatch) {
      const charge = charges.get(decodeURIComponent(chargeMatch[1] ?? ""));
      if (!charge) throw invalid(`No such charge: '${chargeMatch[1] ?? ""}'`, "id", "resource_missing", 404);
      return charge;
    }
    try {
      const answer = connect.route(method, path, form, query);
      if (answer !== undefined) return answer;
    } catch (error) {
      if (error instanceof ConnectError) throw invalid(error.message, error.param, error.code, error.status);
      throw error;
    }
    throw invalid(`Unrecognized request URL (${method}: ${path}).`, undefined, undefined, 404);
  }

  /** The Account Link page: finishes onboarding and redirects to return_url (refresh_url once expired). */
  function onboardingPage(url: URL, res: ServerResponse): void {
    const accountId = decodeURIComponent(url.pathname.slice("/connect/onboarding/".length));
    const expired = Number(url.searchParams.get("expires_at") ?? 0) < seconds();
    if (!connect.accounts.has(accountId)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Unknown account");
      return;
    }
    if (!expired) connect.completeOnboarding(accountId);
    deliverConnectEvents();
    res.writeHead(303, { location: (expired ? url.searchParams.get("refresh_url") : url.searchParams.get("return_url")) ?? "/" }).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname.startsWith("/connect/onboarding/")) {
      onboardingPage(url, res);
      return;
    }
    const reply = (status: number, payload: unknown, replayed = false) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "request-id": id("req"),
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      });
      res.end(JSON.stringify(payload));
    };
    try {
      const auth = req.headers.authorization ?? "";
      if (!/^Bearer sk_(test|live)_\S+$/.test(auth)) {
        throw invalid("Invalid API Key provided.", undefined, undefined, 401);
      }
      if (failures.count > 0) {
        failures.count -= 1;
        throw new HttpError(failures.status, { error: { type: "api_error", message: "Injected failure of the fake Stripe server" } });
      }
      const key = method === "POST" ? req.headers["idempotency-key"] : undefined;
      const fingerprint = createHash("sha256").update(`${method} ${url.pathname}\n${body}`).digest("hex");
      if (typeof key === "string") {
        const stored = idempotent.get(key);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new HttpError(400, {
              error: {
                type: "idempotency_error",
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
              },
            });
          }
          reply(stored.status, stored.body, true);
          return;
        }
      }
      const form = method === "POST" ? parseFormBody(body) : parseFormBody(url.searchParams.toString());
      let status = 200;
      let payload: unknown;
      try {
        payload = structuredClone(route(method, url.pathname, form, url.searchParams));
        deliverConnectEvents();
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        status = error.status;
        payload = error.body;
      }
      // Stripe saves the result of a keyed request, errors included, except 5xx (retriable).
      if (typeof key === "string" && status < 500) idempotent.set(key, { fingerprint, status, body: payload });
      if (replyHook) await replyHook(method, url.pathname);
      reply(status, payload);
    } catch (error) {
      if (error instanceof HttpError) reply(error.status, error.body);
      else reply(500, { error: { type: "api_error", message: "Internal error of the fake Stripe server" } });
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const fake: FakeStripe = {
    host: "127.0.0.1",
    port,
    protocol: "http",
    url: baseUrl,
    webhookSecret,
    sessions,
    refunds,
    requestCount: () => requests,
    completeSession(sessionId, opts = {}) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`unknown session ${sessionId}`);
      if (s.status !== "open" && !(opts.force && s.status === "expired")) throw new Error(`session ${sessionId} is ${s.status}`);
      s.status = "complete";
      s.payment_status = "paid";
      s.payment_intent = id("pi_test");
      s.url = null;
      const charge: ChargeObject = {
        id: id("ch_test"),
        object: "charge",
        amount: s.amount_total,
        amount_refunded: 0,
        refunded: false,
        currency: s.currency,
        payment_intent: s.payment_intent,
        paid: true,
        status: "succeeded",
        created: seconds(),
      };
      charges.set(charge.id, charge);
      return structuredClone(s);
    },
    expireSession(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`unknown session ${sessionId}`);
      if (s.status !== "open") throw new Error(`session ${sessionId} is ${s.status}`);
      s.status = "expired";
      s.url = null;
      return structuredClone(s);
    },
    beforeReply(hook) {
      replyHook = hook;
    },
    failNext(count, status = 500) {
      failures = { count, status };
    },
    charges,
    chargeFor(paymentIntentId) {
      const charge = [...charges.values()].find((c) => c.payment_intent === paymentIntentId);
      if (!charge) throw new Error(`no charge for ${paymentIntentId}`);
      return structuredClone(charge);
    },
    connect,
    eventOf(type, object) {
      return stripeEvent(type, object);
    },
    eventFor(type, objectId) {
      const s = sessions.get(objectId) ?? charges.get(objectId) ?? connect.accounts.get(objectId) ?? connect.transfers.get(objectId);
      if (!s) throw new Error(`unknown object ${objectId}`);
      return stripeEvent(type, s);
    },
    sign(event, opts = {}) {
      const payload = JSON.stringify(event, null, 2);
      const header = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: opts.secret ?? webhookSecret,
        ...(opts.timestamp === undefined ? { timestamp: seconds() } : { timestamp: opts.timestamp }),
      });
      return { payload, header };
    },
    async deliver(url, event) {
      const { payload, header } = fake.sign(event);
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body: payload,
      });
      return { status: res.status, body: await res.text() };
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return fake;
}
