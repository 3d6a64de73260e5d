import * as acme from "acme-client";

/** The fleet's wildcard certificate. `notAfter` in ms epoch. */
export interface FleetCertificate {
  /** The certificate chain, PEM (leaf first). */
  certPem: string;
  /** Its private key, PEM. */
  keyPem: string;
  notAfter: number;
}

/** Where DNS-01 challenge records are written (Vultr DNS in production: VultrEdgeDns). */
export interface DnsTxtWriter {
  /** Makes the TXT record `name` (relative to the zone, e.g. "_acme-challenge") hold `value` (others of that name are kept). */
  addTxt(name: string, value: string): Promise<void>;
  /** Removes the TXT record `name` holding `value` (none is fine). */
  removeTxt(name: string, value: string): Promise<void>;
}

/** Settings of a FleetCertificateIssuer. */
export interface FleetCertificateOptions {
  /** The edges' DNS zone (EDGE_DNS_DOMAIN): the certificate is for `*.<zone>`. */
  zone: string;
  /** ACME account contact (EDGE_ACME_EMAIL). */
  email: string;
  dns: DnsTxtWriter;
}

/** Renew this long before expiry (Let's Encrypt recommends renewing at two thirds of a 90-day lifetime). */
export const RENEW_BEFORE_MS = 30 * 24 * 3_600_000;

/** Whether `cert` is missing, for another zone, or expires within `renewBeforeMs` of `now` (ms). */
export function needsRenewal(cert: FleetCertificate | null, now: number, renewBeforeMs = RENEW_BEFORE_MS): boolean {
  return cert === null || cert.notAfter - now <= renewBeforeMs;
}

/**
 * One wildcard certificate (`*.<zone>`) for every edge, issued by ACME
 * (RFC 8555, https://www.rfc-editor.org/rfc/rfc8555) with the `acme-client`
 * library and a DNS-01 challenge (RFC 8555 §8.4): the TXT record
 * `_acme-challenge.<zone>` holds the key authorization's digest and is
 * written through `dns` (Vultr DNS) and removed afterwards. One certificate
 * for the fleet instead of one per edge stays far inside Let's Encrypt's
 * limit of 50 certificates per registered domain per week.
 * `client` is an acme-client Client (account key and directory URL: Let's
 * Encrypt in production, Pebble in tests). Throws what acme-client throws
 * (an order that fails validation, an unreachable directory).
 */
export class FleetCertificateIssuer {
  constructor(
    private readonly client: acme.Client,
    private readonly options: FleetCertificateOptions,
  ) {}

  /** Issues a new certificate and key for `*.<zone>`. */
  async issue(): Promise<FleetCertificate> {
    const wildcard = `*.${this.options.zone}`;
    const [key, csr] = await acme.crypto.createCsr({ commonName: wildcard, altNames: [wildcard] }, await acme.crypto.createPrivateEcdsaKey("P-256"));
    const recordName = (authz: acme.Authorization) => {
      const host = authz.identifier.value;
      const sub = host === this.options.zone ? "" : host.slice(0, -(this.options.zone.length + 1));
      return sub ? `_acme-challenge.${sub}` : "_acme-challenge";
    };
    const certPem = await this.client.auto({
      csr,
      email: this.options.email,
      termsOfServiceAgreed: true,
      challengePriority: ["dns-01"],
      // The ACME server checks the record through the zone's name servers; a local lookup would only see our own resolver's cache.
      skipChallengeVerification: true,
      challengeCreateFn: async (authz, challenge, keyAuthorization) => {
        if (challenge.type !== "dns-01") throw new Error(`unexpected ${challenge.type} challenge`);
        await this.options.dns.addTxt(recordName(authz), keyAuthorization);
      },
      challengeRemoveFn: async (authz, _challenge, keyAuthorization) => {
        await this.options.dns.removeTxt(recordName(authz), keyAuthorization);
      },
    });
    const info = acme.crypto.readCertificateInfo(certPem);
    return { certPem, keyPem: key.toString(), notAfter: info.notAfter.getTime() };
  }
}

/** Where the fleet certificate is kept between renewals (the database in production). */
export interface FleetCertificateStore {
  load(): Promise<FleetCertificate | null>;
  save(cert: FleetCertificate): Promise<void>;
}

/**
 * Renews the fleet certificate when it is missing or due (`needsRenewal`):
 * issues a new one and saves it. Returns the certificate in force afterwards
 * and whether it is new. Throws what the issuer or the store throw (the old
 * certificate stays in force).
 */
export async function renewFleetCertificate(issuer: FleetCertificateIssuer, store: FleetCertificateStore, now: number): Promise<{ cert: FleetCertificate; renewed: boolean }> {
  const current = await store.load();
  if (current && !needsRenewal(current, now)) return { cert: current, renewed: false };
  const cert = await issuer.issue();
  await store.save(cert);
  return { cert, renewed: true };
}
