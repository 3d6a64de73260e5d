import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Where freePort looks; both bounds inclusive. */
export interface FreePortOptions {
  /** Address the port must be bindable on. Default "127.0.0.1". */
  host?: string;
  /** Lowest candidate port. Default 20000. */
  min?: number;
  /** Highest candidate port. Default: just below the kernel's ephemeral range (or 32767). */
  max?: number;
}

const handedOut = new Set<number>();

/**
 * Lowest port of Linux's ephemeral range (net.ipv4.ip_local_port_range), from
 * which the kernel picks the local port of every outgoing connection and of
 * `listen(0)`; 32768 when it cannot be read.
 * Source: https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Resolves a TCP port that is free now, for a server that another process
 * (nginx, PostgreSQL, Redis, Next.js) will bind a moment later.
 *
 * Ports come from below the kernel's ephemeral range on purpose: a port from
 * `listen(0)` lies inside it, and any outgoing connection on the machine may
 * take it as its local port before the real server binds ("Address already in
 * use"). Candidates are random, checked by binding, and never handed out twice
 * by one process, so parallel test workers rarely collide.
 * Throws Error when no port in [min, max] is free after 200 tries.
 */
export async function freePort(options: FreePortOptions = {}): Promise<number> {
  const host = options.host ?? "127.0.0.1";
  const max = options.max ?? Math.min(ephemeralLow() - 1, 32767);
  const min = Math.min(options.min ?? 20000, max);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (handedOut.has(port)) continue;
    if (await bindable(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free TCP port in ${min}-${max} on ${host}`);
}
