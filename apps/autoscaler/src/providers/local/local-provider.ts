import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "@limelight/free-port";
import { ProviderError, type EdgeProvider, type ProviderInstance } from "../edge-provider";

const run = promisify(execFile);

/** Settings of a LocalProvider. */
export interface LocalProviderOptions {
  /** Folder holding one sub-folder per edge (config, cache, logs, pid, meta.json). */
  edgesDir: string;
  /** Folder of infra/scripts (edge-start.sh, edge-stop.sh). */
  scriptsDir: string;
  /** Origin HTTP address host:port. */
  origin: string;
  /** Shared edge token secret. */
  tokenSecret: string;
  /** Price we pretend an edge costs, cents per hour (0 for local). */
  hourlyCostCents?: number;
  /** Deadline of a start or stop script, ms. */
  scriptTimeoutMs?: number;
}

interface LocalMeta {
  label: string;
  port: number;
  createdAt: number;
}

const LABEL = /^[A-Za-z0-9_-]{1,64}$/;

function pidAlive(pidFile: string): boolean {
  try {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Edges as real nginx processes on this machine (the embedded default),
 * started and stopped with infra/scripts/edge-start.sh / edge-stop.sh from
 * the same template as Vultr edges, listening on 127.0.0.1 and a free port.
 * The instance id is the label; each edge's folder (with meta.json written
 * before nginx starts) survives autoscaler restarts, so `list` finds edges a
 * crashed autoscaler left behind.
 */
export class LocalProvider implements EdgeProvider {
  readonly name = "local";
  readonly region = "local";
  readonly plan = "nginx";
  readonly hourlyCostCents: number;

  constructor(private readonly options: LocalProviderOptions) {
    this.hourlyCostCents = options.hourlyCostCents ?? 0;
    mkdirSync(options.edgesDir, { recursive: true });
    // edge-start.sh hands the edge folder to an unprivileged user when run as root.
    chmodSync(options.edgesDir, 0o755);
  }

  /**
   * Starts an nginx edge labelled `label` and waits for its /healthz. When its
   * port was taken meanwhile ("Address already in use"), the edge moves to
   * another free port (up to 3 tries). Throws ProviderError.
   */
  async create(label: string): Promise<ProviderInstance> {
    if (!LABEL.test(label)) throw new ProviderError("rejected", `invalid label ${JSON.stringify(label)}`);
    const dir = join(this.options.edgesDir, label);
    let meta: LocalMeta = this.read(label) ?? { label, port: await freePort(), createdAt: Date.now() };
    mkdirSync(dir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      writeFileSync(join(dir, "meta.json"), JSON.stringify(meta));
      try {
        // `env` adds the edge's variables to the inherited environment.
        const vars = [`EDGE_PORT=${meta.port}`, `EDGE_STATE_DIR=${dir}`, `EDGE_ORIGIN=${this.options.origin}`, `EDGE_TOKEN_SECRET=${this.options.tokenSecret}`, "EDGE_LISTEN_ADDRESS=127.0.0.1"];
        await run("env", [...vars, "bash", join(this.options.scriptsDir, "edge-start.sh")], { timeout: this.options.scriptTimeoutMs ?? 30_000 });
        return this.toInstance(meta);
      } catch (err) {
        const message = (err as Error).message;
        if (attempt < 3 && message.includes("Address already in use")) {
          meta = { ...meta, port: await freePort() };
          continue;
        }
        throw new ProviderError("server-error", `edge-start.sh failed for ${label}: ${message.slice(0, 500)}`, { cause: err });
      }
    }
  }

  /** The local edge labelled `label`, or null. */
  async findByLabel(label: string): Promise<ProviderInstance | null> {
    const meta = LABEL.test(label) ? this.read(label) : null;
    return meta ? this.toInstance(meta) : null;
  }

  /** Every local edge folder with a meta.json. */
  async list(): Promise<ProviderInstance[]> {
    const out: ProviderInstance[] = [];
    for (const name of readdirSync(this.options.edgesDir)) {
      const meta = this.read(name);
      if (meta) out.push(this.toInstance(meta));
    }
    return out;
  }

  /** Stops nginx and its viewer counter and removes the folder; a missing edge counts as deleted. Throws ProviderError. */
  async delete(id: string): Promise<void> {
    if (!LABEL.test(id)) return;
    const dir = join(this.options.edgesDir, id);
    if (!existsSync(dir)) return;
    try {
      await run("env", [`EDGE_STATE_DIR=${dir}`, "bash", join(this.options.scriptsDir, "edge-stop.sh")], { timeout: this.options.scriptTimeoutMs ?? 30_000 });
    } catch (err) {
      throw new ProviderError("server-error", `edge-stop.sh failed for ${id}: ${(err as Error).message.slice(0, 500)}`, { cause: err });
    }
    rmSync(dir, { recursive: true, force: true });
  }

  private read(label: string): LocalMeta | null {
    try {
      const meta = JSON.parse(readFileSync(join(this.options.edgesDir, label, "meta.json"), "utf8")) as LocalMeta;
      return meta.label === label && Number.isInteger(meta.port) ? meta : null;
    } catch {
      return null;
    }
  }

  private toInstance(meta: LocalMeta): ProviderInstance {
    const alive = pidAlive(join(this.options.edgesDir, meta.label, "nginx.pid"));
    return {
      id: meta.label,
      label: meta.label,
      state: alive ? "active" : "stopped",
      ipv4: "127.0.0.1",
      baseUrl: `http://127.0.0.1:${meta.port}`,
      createdAt: meta.createdAt,
    };
  }
}
