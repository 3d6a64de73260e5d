/**
 * Stripe Connect in the fake: Express connected accounts, onboarding Account
 * Links, transfers (separate charges and transfers) and transfer reversals,
 * in the shapes and with the errors of Stripe's API reference:
 * https://docs.stripe.com/api/accounts , https://docs.stripe.com/api/account_links ,
 * https://docs.stripe.com/api/transfers , https://docs.stripe.com/api/transfer_reversals ,
 * https://docs.stripe.com/connect/separate-charges-and-transfers
 */
import { randomBytes } from "node:crypto";
import { type FormValue } from "./form-body";
import { type AccountLinkObject, type AccountObject, type TransferObject, type TransferReversalObject } from "./objects";

/** An error reply (status + Stripe error body) thrown by the Connect routes. */
export class ConnectError extends Error {
  constructor(
    readonly status: number,
    readonly type: "invalid_request_error",
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const fail = (message: string, param?: string, code?: string, status = 400) => new ConnectError(status, "invalid_request_error", message, param, code);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const str = (v: FormValue | undefined) => (typeof v === "string" ? v : undefined);
const map = (v: FormValue | undefined): Record<string, string> =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string")) : {};

function positiveInt(v: FormValue | undefined, param: string): number {
  const s = str(v);
  if (s === undefined) throw fail(`Missing required param: ${param}.`, param, "parameter_missing");
  if (!/^\d+$/.test(s)) throw fail(`Invalid integer: ${s}`, param);
  const n = Number(s);
  if (n <= 0) throw fail("This value must be greater than or equal to 1.", param);
  return n;
}

/** Account requirements before onboarding (a subset of what Stripe asks an Express account in the US). */
const ONBOARDING_REQUIREMENTS = ["business_type", "external_account", "individual.dob.day", "individual.first_name", "tos_acceptance.date"];

/** The Connect state of a fake Stripe server, and its route handler. */
export interface FakeConnect {
  accounts: Map<string, AccountObject>;
  transfers: Map<string, TransferObject>;
  /** Events Stripe would have sent (account.updated, transfer.created, transfer.reversed), oldest first. */
  events: { type: string; object: AccountObject | TransferObject }[];
  /** Simulates the account holder finishing onboarding: details submitted, charges and payouts enabled, an account.updated event. */
  completeOnboarding(accountId: string): AccountObject;
  /** Simulates the connected account paying its balance out to its bank (a later reversal then fails with balance_insufficient). */
  payOutAccount(accountId: string): void;
  /** Available balance of a connected account, cents. */
  accountBalance(accountId: string): number;
  /** Handles a Connect route, or returns undefined when the path is not a Connect one. */
  route(method: string, path: string, form: Record<string, FormValue>, query: URLSearchParams): unknown;
}

/**
 * Creates the Connect part of the fake. `platformAvailable` returns the
 * platform's available balance in cents before transfers (charges minus
 * refunds); a transfer beyond it (without source_transaction) fails with
 * `balance_insufficient`, as on Stripe. `baseUrl` is the server's URL
 * (onboarding links point at it); `seconds` its clock.
 */
export function createFakeConnect(options: { platformAvailable: () => number; baseUrl: () => string; seconds: () => number; chargeExists: (id: string) => boolean }): FakeConnect {
  const accounts = new Map<string, AccountObject>();
  const transfers = new Map<string, TransferObject>();
  const accountBalances = new Map<string, number>();
  const events: FakeConnect["events"] = [];

  const snapshot = <T>(o: T): T => structuredClone(o);
  const account = (id: string): AccountObject => {
    const a = accounts.get(id);
    if (!a) throw fail(`No such account: '${id}'`, "account", "resource_missing", 404);
    return a;
  };
  const transfer = (id: string): TransferObject => {
    const t = transfers.get(id);
    if (!t) throw fail(`No such transfer: '${id}'`, "id", "resource_missing", 404);
    return t;
  };
  const transferredNet = () => [...transfers.values()].filter((t) => !t.source_transaction).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);

  function createAccount(form: Record<string, FormValue>): AccountObject {
    const type = str(form.type);
    if (type === undefined && form.controller === undefined) throw fail("You must provide either `type` or `controller`.", "type");
    if (type !== undefined && !["express", "standard", "custom"].includes(type)) throw fail(`Invalid type: must be one of custom, express, or standard`, "type");
    const a: AccountObject = {
      id: newId("acct"),
      object: "account",
      type: (type ?? "express") as AccountObject["type"],
      country: str(form.country) ?? "US",
      email: str(form.email) ?? null,
      default_currency: "usd",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: "inactive" },
      requirements: { currently_due: [...ONBOARDING_REQUIREMENTS], eventually_due: [...ONBOARDING_REQUIREMENTS], past_due: [], disabled_reason: "requirements.past_due" },
      metadata: map(form.metadata),
      created: options.seconds(),
    };
    accounts.set(a.id, a);
    accountBalances.set(a.id, 0);
    return a;
  }

  function createAccountLink(form: Record<string, FormValue>): AccountLinkObject {
    const accountId = str(form.account);
    if (!accountId) throw fail("Missing required param: account.", "account", "parameter_missing");
    const type = str(form.type);
    if (!type) throw fail("Missing required param: type.", "type", "parameter_missing");
    if (type !== "account_onboarding" && type !== "account_update") throw fail("Invalid type: must be one of account_onboarding or account_update", "type");
    const refreshUrl = str(form.refresh_url);
    const returnUrl = str(form.return_url);
    if (!refreshUrl) throw fail("Missing required param: refresh_url.", "refresh_url", "parameter_missing");
    if (!returnUrl) throw fail("Missing required param: return_url.", "return_url", "parameter_missing");
    for (const [param, value] of [["refresh_url", refreshUrl], ["return_url", returnUrl]] as const) {
      if (!/^https?:\/\//.test(value)) throw fail(`Not a valid URL`, param, "url_invalid");
    }
    const a = account(accountId);
    if (type === "account_update" && a.type === "express") throw fail("You cannot create `account_update` type Account Links for Express accounts.", "type");
    const created = options.seconds();
    const query = new URLSearchParams({ return_url: returnUrl, refresh_url: refreshUrl, expires_at: String(created + 300) });
    return { object: "account_link", created, expires_at: created + 300, url: `${options.baseUrl()}/connect/onboarding/${a.id}?${query}` };
  }

  function createTransfer(form: Record<string, FormValue>): TransferObject {
    const amount = positiveInt(form.amount, "amount");
    const currency = str(form.currency);
    if (!currency) throw fail("Missing required param: currency.", "currency", "parameter_missing");
    const destination = str(form.destination);
    if (!destination) throw fail("Missing required param: destination.", "destination", "parameter_missing");
    const dest = accounts.get(destination);
    if (!dest) throw fail(`No such destination: '${destination}'`, "destination", "resource_missing", 404);
    if (dest.capabilities.transfers !== "active") {
      throw fail(
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "destination",
        "insufficient_capabilities_for_transfer",
      );
    }
    const source = str(form.source_transaction);
    if (source !== undefined && !options.chargeExists(source)) throw fail(`No such charge: '${source}'`, "source_transaction", "resource_missing", 404);
    if (source === undefined && amount > options.platformAvailable() - transferredNet()) {
      throw fail(
        "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card.",
        undefined,
        "balance_insufficient",
      );
    }
    const id = newId("tr");
    const t: TransferObject = {
      id,
      object: "transfer",
      amount,
      amount_reversed: 0,
      currency,
      description: str(form.description) ?? null,
      destination,
      destination_payment: newId("py"),
      balance_transaction: newId("txn"),
      livemode: false,
      metadata: map(form.metadata),
      reversed: false,
      reversals: { object: "list", data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
      source_transaction: source ?? null,
      source_type: "card",
      transfer_group: str(form.transfer_group) ?? null,
      created: options.seconds(),
    };
    transfers.set(id, t);
    accountBalances.set(destination, (accountBalances.get(destination) ?? 0) + amount);
    events.push({ type: "transfer.created", object: snapshot(t) });
    return t;
  }

  function createReversal(transferId: string, form: Record<string, FormValue>): TransferReversalObject {
    const t = transfer(transferId);
    const remaining = t.amount - t.amount_reversed;
    const amount = form.amount === undefined ? remaining : positiveInt(form.amount, "amount");
    if (remaining <= 0) throw fail("Transfer has already been fully reversed.", undefined, "transfer_already_reversed");
    if (amount > remaining) throw fail(`Amount (${amount}) is greater than the amount that can be reversed (${remaining}).`, "amount");
    const balance = accountBalances.get(t.destination) ?? 0;
    if (amount > balance) {
      throw fail("Insufficient funds in the connected account's Stripe balance to reverse this transfer.", undefined, "balance_insufficient");
    }
    accountBalances.set(t.destination, balance - amount);
    const r: TransferReversalObject = {
      id: newId("trr"),
      object: "transfer_reversal",
      amount,
      currency: t.currency,
      transfer: t.id,
      balance_transaction: newId("txn"),
      destination_payment_refund: newId("pyr"),
      source_refund: null,
      metadata: map(form.metadata),
      created: options.seconds(),
    };
    t.amount_reversed += amount;
    t.reversed = t.amount_reversed >= t.amount;
    t.reversals.data.unshift(r);
    t.reversals.total_count += 1;
    events.push({ type: "transfer.reversed", object: snapshot(t) });
    return r;
  }

  function listTransfers(query: URLSearchParams): unknown {
    const group = query.get("transfer_group");
    const destination = query.get("destination");
    const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 10) || 10));
    const data = [...transfers.values()]
      .filter((t) => (group === null || t.transfer_group === group) && (destination === null || t.destination === destination))
      .reverse();
    return { object: "list", data: data.slice(0, limit), has_more: data.length > limit, url: "/v1/transfers" };
  }

  return {
    accounts,
    transfers,
    events,
    completeOnboarding(accountId) {
      const a = account(accountId);
      a.details_submitted = true;
      a.charges_enabled = true;
      a.payouts_enabled = true;
      a.capabilities = { transfers: "active" };
      a.requirements = { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null };
      events.push({ type: "account.updated", object: snapshot(a) });
      return snapshot(a);
    },
    payOutAccount(accountId) {
      account(accountId);
      accountBalances.set(accountId, 0);
    },
    accountBalance: (accountId) => accountBalances.get(accountId) ?? 0,
    route(method, path, form, query) {
      if (method === "POST" && path === "/v1/accounts") return createAccount(form);
      const accountMatch = /^\/v1\/accounts\/([^/]+)$/.exec(path);
      if (method === "GET" && accountMatch) return account(decodeURIComponent(accountMatch[1] ?? ""));
      if (method === "POST" && path === "/v1/account_links") return createAccountLink(form);
      if (method === "POST" && path === "/v1/transfers") return createTransfer(form);
      if (method === "GET" && path === "/v1/transfers") return listTransfers(query);
      const reversalMatch = /^\/v1\/transfers\/([^/]+)\/reversals$/.exec(path);
      if (method === "POST" && reversalMatch) return createReversal(decodeURIComponent(reversalMatch[1] ?? ""), form);
      const transferMatch = /^\/v1\/transfers\/([^/]+)$/.exec(path);
      if (method === "GET" && transferMatch) return transfer(decodeURIComponent(transferMatch[1] ?? ""));
      return undefined;
    },
  };
}
