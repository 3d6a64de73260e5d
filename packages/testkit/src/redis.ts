import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "node:net";
import { freePort, waitFor } from "./ports";
import { spawnLogged } from "./processes";

/** A throw-away redis-server on loopback, no persistence. */
export interface RedisServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts redis-server on a free port; throws when it does not answer within 10 s. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "limelight-redis-"));
  const proc = spawnLogged("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir]);
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = createConnection(port, "127.0.0.1");
        socket.on("connect", () => {
          socket.end();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      }),
    10_000,
    100,
    "redis",
  );
  return { url: `redis://127.0.0.1:${port}`, stop: proc.stop };
}
