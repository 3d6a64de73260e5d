import { createSocket, type RemoteInfo } from "node:dgram";
import { type AddressInfo } from "node:net";
import { type FakeDnsRecord } from "./dns";

/** A running test DNS server. */
export interface TestDnsServer {
  /** `127.0.0.1:<port>`, e.g. for Pebble's `-dnsserver`. */
  address: string;
  /** Queries answered so far, as "<TYPE> <name>". */
  queries: () => string[];
  close: () => Promise<void>;
}

const TYPES: Record<number, string> = { 1: "A", 16: "TXT", 28: "AAAA", 257: "CAA", 5: "CNAME", 2: "NS", 6: "SOA" };

/** Reads a (never compressed, in a question) domain name at `offset`; returns it lower-cased and the offset after it. */
function readName(msg: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let at = offset;
  for (let guard = 0; guard < 128; guard++) {
    const len = msg.readUInt8(at);
    at += 1;
    if (len === 0) return { name: labels.join(".").toLowerCase(), next: at };
    if (len > 63) throw new Error("compressed or bad label in question");
    labels.push(msg.subarray(at, at + len).toString("ascii"));
    at += len;
  }
  throw new Error("name too long");
}

function rdata(record: FakeDnsRecord): Buffer | null {
  if (record.type === "A") return Buffer.from(record.data.split(".").map(Number));
  if (record.type === "TXT") {
    // Vultr stores TXT data quoted ("..."); a TXT RDATA is one or more <length><bytes> strings (RFC 1035 §3.3.14).
    const text = Buffer.from(record.data.replace(/^"(.*)"$/, "$1"), "utf8");
    const parts: Buffer[] = [];
    for (let i = 0; i < text.length || i === 0; i += 255) {
      const chunk = text.subarray(i, i + 255);
      parts.push(Buffer.from([chunk.length]), chunk);
      if (text.length === 0) break;
    }
    return Buffer.concat(parts);
  }
  return null;
}

/**
 * A tiny authoritative DNS server over UDP (RFC 1035 §4) for tests: it answers
 * A and TXT questions for the zones of a fake Vultr account from the records
 * written through its DNS API (`records(zone)`, e.g. `fake.dnsRecords`), so an
 * ACME server under test (Pebble with `-dnsserver`) sees exactly what the
 * autoscaler wrote. Names in a zone without a record of the asked type get an
 * empty NOERROR answer (NXDOMAIN when the name has no record at all); names
 * outside the zones are REFUSED.
 */
export async function startTestDnsServer(zones: readonly string[], records: (zone: string) => FakeDnsRecord[] | undefined): Promise<TestDnsServer> {
  const socket = createSocket("udp4");
  const seen: string[] = [];
  socket.on("message", (msg: Buffer, rinfo: RemoteInfo) => {
    try {
      if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return;
      const { name, next } = readName(msg, 12);
      const qtype = msg.readUInt16BE(next);
      const question = msg.subarray(12, next + 4);
      const typeName = TYPES[qtype] ?? String(qtype);
      seen.push(`${typeName} ${name}`);
      const zone = zones.find((z) => name === z || name.endsWith(`.${z}`));
      const answers: Buffer[] = [];
      let rcode = 5; // REFUSED
      if (zone) {
        const relative = name === zone ? "" : name.slice(0, -(zone.length + 1));
        const matching = (records(zone) ?? []).filter((r) => r.name.toLowerCase() === relative);
        rcode = matching.length > 0 || relative === "" ? 0 : 3;
        for (const record of matching.filter((r) => r.type === typeName)) {
          const data = rdata(record);
          if (!data) continue;
          const head = Buffer.alloc(12);
          head.writeUInt16BE(0xc00c, 0); // pointer to the question's name
          head.writeUInt16BE(qtype, 2);
          head.writeUInt16BE(1, 4); // IN
          head.writeUInt32BE(Math.max(0, record.ttl), 6);
          head.writeUInt16BE(data.length, 10);
          answers.push(head, data);
        }
      }
      const header = Buffer.alloc(12);
      header.writeUInt16BE(msg.readUInt16BE(0), 0);
      header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | rcode, 2); // QR, AA, RD copied
      header.writeUInt16BE(1, 4);
      header.writeUInt16BE(answers.length / 2, 6);
      socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
    } catch {
      // not a query we understand: no answer (the client times out, as with a broken server)
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    queries: () => [...seen],
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
