/**
 * Which network addresses an injected video may make the media server fetch
 * (SSRF guard). A PlayerEndpoint makes Kurento open the URI itself, so the
 * check runs right before every fetch (PlayerEndpoint create, play, rebuild):
 * the host name is resolved again each time and EVERY A/AAAA record must be a
 * public unicast address: loopback, private (RFC 1918, fc00::/7), link-local
 * (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10),
 * unspecified, multicast, reserved, NAT64 and other special ranges are refused
 * (classification by ipaddr.js, IANA special-purpose registries:
 * https://www.iana.org/assignments/iana-ipv4-special-registry/ and
 * https://www.iana.org/assignments/iana-ipv6-special-registry/). An operator
 * allow-list (INJECT_ALLOW_HOSTS) may name host names or CIDR ranges that are
 * fetched anyway. file:// URIs are the media folder's business (checked by
 * resolveInjectableUri) and pass here.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "@limelight/domain";

/** Resolves a host name to every address (A and AAAA). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, like Kurento's GStreamer sources), every record. */
export const systemResolver: HostResolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Checks a URI right before the media server fetches it. */
export interface PlayerUriGuard {
  /** Resolves when `uri` may be fetched; throws AppError INVALID_ARGUMENT naming why not (without credentials). */
  check(uri: string): Promise<void>;
}

/** A parsed allow-list entry: a host name (lower case) or a CIDR range. */
type AllowEntry = { host: string } | { range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

function parseAllowList(entries: readonly string[]): AllowEntry[] {
  return entries.map((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.includes("/")) return { range: ipaddr.parseCIDR(entry) };
    if (ipaddr.isValid(entry)) return { range: [ipaddr.parse(entry), ipaddr.parse(entry).kind() === "ipv4" ? 32 : 128] };
    return { host: entry };
  });
}

/** The address as IPv4 when it is an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
function normalize(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed;
}

/** True when `address` is a public unicast address (the only kind fetched without an allow-list entry). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return normalize(address).range() === "unicast";
}

/** Removes user:password@ from a URI (for clients, the database and logs). Unparseable input is returned as "(invalid URI)". */
export function redactUri(uri: string): string {
  try {
    const url = new URL(uri);
    if (!url.username && !url.password) return uri;
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return "(invalid URI)";
  }
}

/** The SSRF guard over a resolver and an operator allow-list (host names or CIDRs). */
export class AddressPlayerUriGuard implements PlayerUriGuard {
  private readonly allow: AllowEntry[];

  constructor(
    allowList: readonly string[],
    private readonly resolve: HostResolver = systemResolver,
  ) {
    this.allow = parseAllowList(allowList);
  }

  private allowed(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.allow.some((e) => "range" in e && e.range[0].kind() === address.kind() && address.match(e.range));
  }

  async check(uri: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new AppError("INVALID_ARGUMENT", "Video URL is malformed");
    }
    if (url.protocol === "file:") return;
    if (!["http:", "https:", "rtsp:"].includes(url.protocol)) throw new AppError("INVALID_ARGUMENT", "Only http(s), rtsp or a file in the media folder can be injected");
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
    if (!host) throw new AppError("INVALID_ARGUMENT", "Video URL needs a host");
    if (this.allow.some((e) => "host" in e && e.host === host)) return;
    let addresses: string[];
    if (ipaddr.isValid(host)) addresses = [host];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        throw new AppError("INVALID_ARGUMENT", `Video host ${host} does not resolve`);
      }
    }
    if (addresses.length === 0) throw new AppError("INVALID_ARGUMENT", `Video host ${host} does not resolve`);
    for (const address of addresses) {
      if (!ipaddr.isValid(address)) throw new AppError("INVALID_ARGUMENT", `Video host ${host} resolves to an invalid address`);
      const normalized = normalize(address);
      if (normalized.range() !== "unicast" && !this.allowed(normalized)) {
        throw new AppError("INVALID_ARGUMENT", `Video host ${host} resolves to a ${normalized.range()} address, which is not allowed`, { details: { path: ["uri"] } });
      }
    }
  }
}
