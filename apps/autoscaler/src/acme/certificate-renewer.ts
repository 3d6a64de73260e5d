import { type Db } from "@limelight/db";
import * as acme from "acme-client";
import { type Logger } from "pino";
import { type Fence } from "../fleet/lease";
import { FleetCertificateIssuer, renewFleetCertificate, type DnsTxtWriter, type FleetCertificate } from "./fleet-certificate";

/** Settings of a FleetCertificateRenewer. Times in ms. */
export interface FleetCertificateRenewerOptions {
  /** EDGE_DNS_DOMAIN: the certificate is for `*.<zone>`. */
  zone: string;
  /** EDGE_ACME_EMAIL. */
  email: string;
  /** ACME directory (ACME_DIRECTORY_URL; Let's Encrypt production by default). */
  directoryUrl: string;
  dns: DnsTxtWriter;
  /** Wait after a failed issuance before the next try (default 10 min; Let's Encrypt limits failed validations). */
  retryAfterMs?: number;
}

/**
 * Keeps the fleet's wildcard certificate valid: on `renew(now)` (once per
 * tick, while holding the lease) it issues one when none is stored or the
 * stored one expires within 30 days, and keeps it in FleetCertificate (with
 * the ACME account key, made on first use). `current` is what new edges get in
 * their cloud-init user data. A failed issuance is logged and retried after
 * `retryAfterMs`; edges meanwhile keep the stored certificate, or obtain their
 * own with certbot when there is none yet. Database writes are fenced. Never throws
 * except LeaseLostError and database failures.
 */
export class FleetCertificateRenewer {
  current: FleetCertificate | null = null;
  private nextAttemptAt = 0;

  constructor(
    private readonly db: Db,
    private readonly fence: Fence,
    private readonly options: FleetCertificateRenewerOptions,
    private readonly log: Logger,
  ) {}

  async renew(now: number): Promise<void> {
    const row = await this.db.fleetCertificate.findUnique({ where: { zone: this.options.zone } });
    if (row?.certPem && row.notAfter) this.current = { certPem: row.certPem, keyPem: row.keyPem, notAfter: row.notAfter.getTime() };
    if (now < this.nextAttemptAt) return;
    let accountKeyPem = row?.accountKeyPem;
    if (!accountKeyPem) {
      const made = (await acme.crypto.createPrivateKey()).toString();
      await this.fence.write((tx) => tx.fleetCertificate.create({ data: { zone: this.options.zone, accountKeyPem: made } }));
      accountKeyPem = made;
    }
    // Few quick retries inside one attempt: the renewer itself tries again every `retryAfterMs`.
    const client = new acme.Client({ directoryUrl: this.options.directoryUrl, accountKey: accountKeyPem, backoffAttempts: 3, backoffMin: 1_000, backoffMax: 10_000 });
    const issuer = new FleetCertificateIssuer(client, { zone: this.options.zone, email: this.options.email, dns: this.options.dns });
    const store = {
      load: async () => this.current,
      save: async (cert: FleetCertificate) => {
        await this.fence.write((tx) =>
          tx.fleetCertificate.update({ where: { zone: this.options.zone }, data: { certPem: cert.certPem, keyPem: cert.keyPem, notAfter: new Date(cert.notAfter) } }),
        );
      },
    };
    try {
      const { cert, renewed } = await renewFleetCertificate(issuer, store, now);
      this.current = cert;
      if (renewed) this.log.info({ zone: this.options.zone, notAfter: new Date(cert.notAfter).toISOString() }, "fleet certificate issued");
    } catch (err) {
      if ((err as Error).name === "LeaseLostError") throw err;
      this.nextAttemptAt = now + (this.options.retryAfterMs ?? 10 * 60_000);
      this.log.warn({ err: (err as Error).message, zone: this.options.zone }, "fleet certificate not issued; retried later");
    }
  }
}
