/**
 * One media node owns a live show's media graph. With several nodes behind
 * the socket.io Redis adapter, the owner holds a lease in Redis
 * (`SET key nodeId NX PX ttl`, refreshed while the show is live, compare-and-
 * expire in Lua so only the owner extends or frees it: https://redis.io/docs/latest/commands/set/).
 * Another node asked to open the same show refuses instead of building a
 * second pipeline (split brain: two mixes, two publishers for one stream).
 */
import { type Logger } from "pino";
import { AppError } from "@limelight/domain";

/** Who may build a show's media graph. */
export interface ShowOwnership {
  /** Claims `eventId` for this node (idempotent). Throws AppError CONFLICT when another node holds it. */
  claim(eventId: string): Promise<void>;
  /** Gives `eventId` up (show ended). Never throws. */
  release(eventId: string): Promise<void>;
  /** Gives every claim up (shutdown). */
  close(): Promise<void>;
}

/** Single node: every claim succeeds. */
export class LocalShowOwnership implements ShowOwnership {
  async claim(): Promise<void> {}
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}

/** The subset of a node-redis v5 client used here. */
export interface LeaseRedis {
  set(key: string, value: string, options: { condition: "NX"; expiration: { type: "PX"; value: number } }): Promise<string | null>;
  get(key: string): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

const EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const FREE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Leases in Redis; `ttlMs` is how long a crashed owner blocks others (refreshed every ttl/3). */
export class RedisShowOwnership implements ShowOwnership {
  private readonly held = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly redis: LeaseRedis,
    private readonly nodeId: string,
    private readonly options: { ttlMs: number; logger: Logger },
  ) {}

  private key(eventId: string): string {
    return `limelight:show-owner:${eventId}`;
  }

  async claim(eventId: string): Promise<void> {
    if (this.held.has(eventId)) return;
    const key = this.key(eventId);
    const set = await this.redis.set(key, this.nodeId, { condition: "NX", expiration: { type: "PX", value: this.options.ttlMs } });
    if (set === null) {
      const owner = await this.redis.get(key);
      if (owner !== this.nodeId) throw new AppError("CONFLICT", "This show is live on another media node");
      await this.redis.eval(EXTEND, { keys: [key], arguments: [this.nodeId, String(this.options.ttlMs)] });
    }
    const timer = setInterval(() => {
      this.redis.eval(EXTEND, { keys: [key], arguments: [this.nodeId, String(this.options.ttlMs)] }).catch((error: unknown) => {
        this.options.logger.warn({ err: error, eventId }, "could not refresh the show lease");
      });
    }, Math.max(100, Math.floor(this.options.ttlMs / 3)));
    timer.unref();
    this.held.set(eventId, timer);
  }

  async release(eventId: string): Promise<void> {
    const timer = this.held.get(eventId);
    if (!timer) return;
    clearInterval(timer);
    this.held.delete(eventId);
    await this.redis.eval(FREE, { keys: [this.key(eventId)], arguments: [this.nodeId] }).catch((error: unknown) => {
      this.options.logger.warn({ err: error, eventId }, "could not free the show lease");
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.held.keys()].map((eventId) => this.release(eventId)));
  }
}
