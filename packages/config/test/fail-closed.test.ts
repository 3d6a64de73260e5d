/**
 * Production refuses to start unsafe: every secret, public URL and payment
 * setting of web, media and the autoscaler, one variable at a time, through
 * each app's real env parser (the function its process calls at start).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseWebEnv } from "../../../apps/web/src/env";
import { loadEnv as parseMediaEnv } from "../../../apps/media/src/env";
import { parseAutoscalerEnv } from "../../../apps/autoscaler/src/env";

const strong = (label: string) => `${label}-Zq8wV3nT5yR1pL7kD2sF9gH4jX6cB0mN`;

/** A production configuration every app accepts. */
const SAFE: Record<string, string> = {
  NODE_ENV: "production",
  APP_URL: "https://shows.limelight.test",
  MEDIA_PUBLIC_URL: "https://shows.limelight.test",
  RTMP_INGEST_URL: "rtmp://ingest.limelight.test:1935/ingest",
  AUTH_SECRET: strong("auth"),
  ACCESS_TOKEN_SECRET: strong("access"),
  INTERNAL_API_SECRET: strong("internal"),
  EDGE_TOKEN_SECRET: strong("edge"),
  ORIGIN_PUBLISH_SECRET: strong("publish"),
  REMINDER_TOKEN_SECRET: strong("reminder"),
  STRIPE_SECRET_KEY: "sk_live_51AbCdEfGhIjKlMnOpQrStUvWx",
  STRIPE_WEBHOOK_SECRET: "whsec_0123456789abcdefABCDEFGHijkl",
  MEDIA_CORS_ORIGINS: "https://shows.limelight.test",
  TURN_URLS: "turn:turn.limelight.test:3478?transport=udp",
  TURN_SECRET: strong("turn"),
  AUTOSCALER_PROVIDER: "vultr",
  VULTR_API_KEY: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  EDGE_ORIGIN: "origin.limelight.test:8088",
};

const parsers = {
  web: (e: Record<string, string | undefined>) => parseWebEnv(e),
  media: (e: Record<string, string | undefined>) => parseMediaEnv(e),
  autoscaler: (e: Record<string, string | undefined>) => parseAutoscalerEnv(e),
};
type App = keyof typeof parsers;

function refusal(app: App, overrides: Record<string, string | undefined>): string {
  try {
    parsers[app]({ ...SAFE, ...overrides });
  } catch (err) {
    return (err as Error).message;
  }
  return "";
}

/** Values of .env.example, as an operator who copies it gets them. */
const example = Object.fromEntries(
  readFileSync(new URL("../../../.env.example", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);

const secretsOf: Record<App, string[]> = {
  web: ["AUTH_SECRET", "ACCESS_TOKEN_SECRET", "INTERNAL_API_SECRET", "EDGE_TOKEN_SECRET", "ORIGIN_PUBLISH_SECRET", "REMINDER_TOKEN_SECRET"],
  media: ["ACCESS_TOKEN_SECRET", "INTERNAL_API_SECRET", "ORIGIN_PUBLISH_SECRET", "TURN_SECRET"],
  autoscaler: ["INTERNAL_API_SECRET", "EDGE_TOKEN_SECRET", "VULTR_API_KEY"],
};

describe("production configuration fails closed", () => {
  it("accepts a complete, safe production configuration in every app", () => {
    for (const app of Object.keys(parsers) as App[]) expect(refusal(app, {}), app).toBe("");
  });

  for (const app of Object.keys(secretsOf) as App[]) {
    for (const name of secretsOf[app]) {
      it(`${app} refuses a missing, short, placeholder or .env.example ${name} with one line naming it`, () => {
        const cases: Array<[string | undefined, RegExp]> = [
          [undefined, /is missing/],
          ["", /is missing/],
          ["Zq8wV3nT5yR1pL7kD2sF9gH4jX6", /is too short \(27 bytes\)/],
          ["dev-only-" + "x".repeat(40), /placeholder/],
        ];
        if (example[name]) cases.push([example[name], /placeholder|too short/]);
        for (const [value, reason] of cases) {
          const message = refusal(app, { [name]: value });
          expect(message, `${name}=${String(value)}`).toMatch(new RegExp(`^${app}: refusing to start in production: .*${name} `));
          expect(message).toMatch(reason);
          expect(message).not.toContain("\n");
        }
      });
    }
  }

  const urls: Array<[App, string, string, RegExp]> = [
    ["web", "APP_URL", "http://shows.limelight.test", /must be an https:\/\/ URL/],
    ["web", "APP_URL", "https://localhost:3000", /loopback/],
    ["web", "APP_URL", "https://127.0.0.1", /loopback/],
    ["web", "MEDIA_PUBLIC_URL", "http://media.limelight.test", /https/],
    ["web", "MEDIA_PUBLIC_URL", "https://[::1]:4000", /loopback/],
    ["web", "RTMP_INGEST_URL", "rtmp://localhost:1935/ingest", /loopback/],
    ["media", "MEDIA_CORS_ORIGINS", "https://shows.limelight.test,http://localhost:3000", /loopback/],
    ["media", "MEDIA_CORS_ORIGINS", "http://shows.limelight.test", /https/],
    ["media", "MEDIA_CORS_ORIGINS", "*", /MEDIA_CORS_ORIGINS/],
    ["autoscaler", "EDGE_ORIGIN", "127.0.0.1:8088", /loopback/],
    ["autoscaler", "EDGE_ORIGIN", "localhost:8088", /loopback/],
  ];
  for (const [app, name, value, reason] of urls) {
    it(`${app} refuses ${name}=${value}`, () => {
      const message = refusal(app, { [name]: value });
      expect(message).toMatch(new RegExp(`${name} `));
      expect(message).toMatch(reason);
    });
  }

  it("refuses every public address copied from .env.example", () => {
    for (const [app, name] of [["web", "APP_URL"], ["web", "MEDIA_PUBLIC_URL"], ["web", "RTMP_INGEST_URL"], ["media", "MEDIA_CORS_ORIGINS"], ["autoscaler", "EDGE_ORIGIN"]] as const) {
      expect(example[name], name).toBeTruthy();
      expect(refusal(app, { [name]: example[name] }), name).toMatch(new RegExp(`${name} is the .env.example placeholder`));
    }
  });

  it("web refuses payments without Stripe keys unless PAYMENTS_MODE=test is set explicitly", () => {
    expect(refusal("web", { STRIPE_SECRET_KEY: "" })).toMatch(/^web: refusing to start in production: STRIPE_SECRET_KEY is missing.*PAYMENTS_MODE=test/);
    expect(refusal("web", { STRIPE_SECRET_KEY: undefined })).toMatch(/STRIPE_SECRET_KEY is missing/);
    expect(refusal("web", { STRIPE_SECRET_KEY: "", PAYMENTS_MODE: "test" })).toBe("");
    expect(refusal("web", { PAYMENTS_MODE: "test" })).toMatch(/PAYMENTS_MODE=test but STRIPE_SECRET_KEY is set/);
    expect(refusal("web", { STRIPE_SECRET_KEY: "sk_live_change_me" })).toMatch(/STRIPE_SECRET_KEY is not a Stripe secret key/);
    expect(refusal("web", { STRIPE_WEBHOOK_SECRET: example.STRIPE_WEBHOOK_SECRET })).toMatch(/STRIPE_WEBHOOK_SECRET is missing or a placeholder/);
    expect(refusal("web", { STRIPE_WEBHOOK_SECRET: undefined })).toMatch(/STRIPE_WEBHOOK_SECRET/);
  });

  it("media needs TURN_SECRET only when it hands out TURN servers", () => {
    expect(refusal("media", { TURN_URLS: "", TURN_SECRET: undefined })).toBe("");
    expect(refusal("media", { TURN_URLS: "https://turn.limelight.test" })).toMatch(/TURN_URLS has a non-turn: URL/);
  });

  it("the autoscaler needs VULTR_API_KEY only with the Vultr provider", () => {
    expect(refusal("autoscaler", { AUTOSCALER_PROVIDER: "local", VULTR_API_KEY: undefined })).toBe("");
  });

  it("LOCAL_ONLY=true (demo, tests) keeps development secrets only while every public URL is loopback", () => {
    const local = { NODE_ENV: "production", LOCAL_ONLY: "true" };
    expect(() => parseWebEnv({ ...local, APP_URL: "http://127.0.0.1:3000", MEDIA_PUBLIC_URL: "http://localhost:4000" })).not.toThrow();
    expect(() => parseMediaEnv(local)).not.toThrow();
    expect(() => parseAutoscalerEnv(local)).not.toThrow();
    expect(() => parseWebEnv({ ...local, APP_URL: "https://shows.limelight.test" })).toThrow(/^web: refusing to start in production: LOCAL_ONLY=true but APP_URL is not a loopback address/);
    expect(() => parseAutoscalerEnv({ ...local, EDGE_ORIGIN: "origin.limelight.test:8088" })).toThrow(/LOCAL_ONLY=true but EDGE_ORIGIN/);
  });

  it("keeps the development defaults outside production", () => {
    for (const app of Object.keys(parsers) as App[]) expect(() => parsers[app]({})).not.toThrow();
  });
});
