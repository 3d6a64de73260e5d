/**
 * Fresh loopback UDP port pairs for RTP (even port) + RTCP (port + 1). Fresh
 * ports per show avoid packets of a leaked pipeline poisoning the next run
 * (docs/kurento.md).
 */
import { createSocket } from "node:dgram";

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve(true)));
  });
}

function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** An even UDP port `p` with `p` and `p+1` free on 127.0.0.1. Throws after 50 tries. */
export async function freeRtpPortPair(avoid: readonly number[] = []): Promise<number> {
  for (let i = 0; i < 50; i++) {
    let port = await ephemeralPort();
    if (port % 2 === 1) port -= 1;
    if (port < 1024 || avoid.includes(port) || avoid.includes(port + 1)) continue;
    if ((await canBind(port)) && (await canBind(port + 1))) return port;
  }
  throw new Error("no free UDP port pair for RTP");
}
