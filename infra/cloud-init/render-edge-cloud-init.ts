/**
 * The cloud-init user data of an HLS edge VM (Vultr): nginx from Debian with the
 * edge config of infra/nginx/render-edge.ts, the viewer counter, and with TLS
 * certbot (Let's Encrypt). Used by the autoscaler's Vultr provider
 * (apps/autoscaler/src/wire.ts); print one with `tsx infra/nginx/cli.ts cloud-init`.
 */
import { acmeWebroot, edgePaths, renderEdgeConfig, renderViewerCounterScript, type EdgeConfigParams } from "../nginx/render-edge";

/** What a Vultr edge needs to know at boot. */
export interface EdgeCloudInitParams {
  /** HTTP port the edge listens on (80; must be 80 with `tls`, where Let's Encrypt's http-01 challenge arrives). */
  listenPort: number;
  /** Origin HTTP address host:port as the VM reaches it. */
  origin: string;
  /** Shared edge token secret (written into the nginx config). */
  tokenSecret: string;
  /** HTTPS edge with a Let's Encrypt certificate for `hostname` (see renderEdgeCloudInit). */
  tls?: EdgeCloudInitTls;
}

/** The TLS part of an edge's boot configuration. */
export interface EdgeCloudInitTls {
  /** The edge's DNS name, "<label>.<EDGE_DNS_DOMAIN>" (its A record is made by the autoscaler). */
  hostname: string;
  /** Let's Encrypt account email (expiry notices). */
  acmeEmail: string;
  /**
   * The fleet's wildcard certificate for `*.<EDGE_DNS_DOMAIN>` (PEM chain and key), issued and renewed by
   * the autoscaler (ACME DNS-01, docs/acme.md) and delivered in the user data: the edge serves HTTPS at
   * once and never asks Let's Encrypt itself. Absent: the edge obtains its own certificate with certbot.
   */
  fleetCertificate?: { certPem: string; keyPem: string };
}

const CONF_DIR = "/etc/limelight-edge";
/** The edge waits up to DNS_WAIT_TRIES × DNS_WAIT_SECONDS (15 min) for its name to resolve before asking Let's Encrypt. */
const DNS_WAIT_TRIES = 90;
const DNS_WAIT_SECONDS = 10;
/** certbot runs at most this often per boot: Let's Encrypt allows 5 failed validations per name and hour. */
const CERTBOT_TRIES = 4;

const STATE_DIR = "/var/lib/limelight-edge";

function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

const PEM = /^-----BEGIN [A-Z ]+-----\n[A-Za-z0-9+/=\n]+-----END [A-Z ]+-----\n?/;

/** The files of an edge serving the fleet certificate (no certbot): the PEMs (0600) and the HTTPS config. */
function fleetTlsFiles(edge: EdgeConfigParams, tls: EdgeCloudInitTls, cert: { certPem: string; keyPem: string }): { path: string; content: string; permissions: string }[] {
  if (!PEM.test(cert.certPem) || !PEM.test(cert.keyPem)) throw new Error("fleetCertificate must be PEM");
  const tlsParams = { serverName: tls.hostname, certPath: `${CONF_DIR}/tls/fullchain.pem`, keyPath: `${CONF_DIR}/tls/privkey.pem` };
  return [
    { path: tlsParams.certPath, content: cert.certPem.trimEnd(), permissions: "0600" },
    { path: tlsParams.keyPath, content: cert.keyPem.trimEnd(), permissions: "0600" },
    { path: `${CONF_DIR}/nginx.conf`, content: renderEdgeConfig({ ...edge, tls: tlsParams }), permissions: "0600" },
  ];
}

function tlsFiles(edge: EdgeConfigParams, tls: EdgeCloudInitTls): { path: string; content: string; permissions: string }[] {
  if (!/^[^\s'"\\$`;]+@[^\s'"\\$`;@]+$/.test(tls.acmeEmail)) throw new Error("acmeEmail must be an email address");
  if (tls.fleetCertificate) return fleetTlsFiles(edge, tls, tls.fleetCertificate);
  const live = `/etc/letsencrypt/live/${tls.hostname}`;
  const tlsParams = { serverName: tls.hostname, certPath: `${live}/fullchain.pem`, keyPath: `${live}/privkey.pem` };
  const nginxArgs = `-p ${STATE_DIR} -c ${CONF_DIR}/nginx.conf`;
  // certbot runs this after every issuance and renewal (--deploy-hook is kept in /etc/letsencrypt/renewal/<name>.conf).
  const deployed = `#!/usr/bin/env bash
# Switches the edge to its HTTPS config (safe to repeat) and reloads nginx.
set -euo pipefail
install -m 0600 ${CONF_DIR}/nginx-tls.conf ${CONF_DIR}/nginx.conf
/usr/sbin/nginx -t -q ${nginxArgs}
systemctl reload limelight-edge.service
`;
  const obtain = `#!/usr/bin/env bash
# Obtains the Let's Encrypt certificate of ${tls.hostname} (certbot --webroot), then serves HTTPS.
# Until then nothing listens on 443, so the autoscaler's https health check keeps the edge unready.
set -u
host=${tls.hostname}
if [ -s ${live}/fullchain.pem ]; then exec ${CONF_DIR}/certificate-deployed.sh; fi
# The autoscaler makes the A record once the VM has its address: wait for it (bounded).
for i in $(seq 1 ${DNS_WAIT_TRIES}); do
  getent ahostsv4 "$host" >/dev/null 2>&1 && break
  sleep ${DNS_WAIT_SECONDS}
done
for attempt in $(seq 1 ${CERTBOT_TRIES}); do
  if certbot certonly --webroot -w ${acmeWebroot(edge)} -d "$host" --non-interactive --agree-tos -m '${tls.acmeEmail}' \\
      --keep-until-expiring --deploy-hook ${CONF_DIR}/certificate-deployed.sh; then
    exec ${CONF_DIR}/certificate-deployed.sh
  fi
  sleep $((attempt * 60))
done
echo "no certificate for $host; the edge stays unready and the autoscaler replaces it after its boot timeout" >&2
exit 1
`;
  const unit = `[Unit]
Description=Limelight edge TLS certificate (Let's Encrypt, certbot --webroot)
Wants=network-online.target
After=network-online.target limelight-edge.service
[Service]
Type=oneshot
ExecStart=/bin/bash ${CONF_DIR}/obtain-certificate.sh
[Install]
WantedBy=multi-user.target
`;
  return [
    // Before the certificate: port 80 only (ACME challenges, /healthz); nothing on 443.
    { path: `${CONF_DIR}/nginx.conf`, content: renderEdgeConfig({ ...edge, tls: { ...tlsParams, awaitingCertificate: true } }), permissions: "0600" },
    { path: `${CONF_DIR}/nginx-tls.conf`, content: renderEdgeConfig({ ...edge, tls: tlsParams }), permissions: "0600" },
    { path: `${CONF_DIR}/certificate-deployed.sh`, content: deployed, permissions: "0755" },
    { path: `${CONF_DIR}/obtain-certificate.sh`, content: obtain, permissions: "0755" },
    { path: "/etc/systemd/system/limelight-edge-certificate.service", content: unit, permissions: "0644" },
  ];
}

/**
 * The cloud-init user data (#cloud-config, https://cloudinit.readthedocs.io/en/latest/reference/modules.html)
 * of a Vultr edge: installs nginx, writes the edge config rendered from the
 * same template as local edges (infra/nginx/render-edge.ts) with the token
 * secret and origin address, and runs nginx and the viewer counter as systemd
 * services. When the image has ufw, the edge's port (80 and 443 with TLS) is
 * allowed in it. The result is plain text; Vultr wants it base64-encoded.
 *
 * With `tls.fleetCertificate` the edge gets the fleet's wildcard certificate
 * in its user data and serves HTTPS from the start. With `tls` alone it
 * installs certbot (Debian package): nginx first serves
 * only port 80 (ACME webroot challenges and /healthz), a oneshot unit waits
 * (bounded) until the edge's name resolves, runs `certbot certonly --webroot`
 * (https://eff-certbot.readthedocs.io/en/stable/using.html#webroot) a few
 * times at most, and its deploy hook switches nginx to the HTTPS config and
 * reloads it — after the first issuance and after every renewal by
 * certbot.timer. Throws an Error on invalid parameters (listenPort other than
 * 80 with TLS, a bad host name or email).
 */
export function renderEdgeCloudInit(params: EdgeCloudInitParams): string {
  const edge = { listenPort: params.listenPort, origin: params.origin, tokenSecret: params.tokenSecret, stateDir: STATE_DIR, user: "www-data" };
  const paths = edgePaths(edge);
  if (params.tls && params.listenPort !== 80) throw new Error("TLS edges listen on port 80 for Let's Encrypt's http-01 challenge");
  const nginxUnit = `[Unit]
Description=Limelight HLS edge (nginx)
After=network-online.target
[Service]
Type=forking
PIDFile=${paths.pidPath}
ExecStartPre=/usr/sbin/nginx -t -q -p ${STATE_DIR} -c /etc/limelight-edge/nginx.conf
ExecStart=/usr/sbin/nginx -p ${STATE_DIR} -c /etc/limelight-edge/nginx.conf
ExecReload=/usr/sbin/nginx -p ${STATE_DIR} -c /etc/limelight-edge/nginx.conf -s reload
Restart=always
[Install]
WantedBy=multi-user.target
`;
  const counterUnit = `[Unit]
Description=Limelight edge viewer counter
After=limelight-edge.service
[Service]
ExecStart=/bin/bash /etc/limelight-edge/viewer-counter.sh
Restart=always
RestartSec=2
[Install]
WantedBy=multi-user.target
`;
  const files: { path: string; content: string; permissions: string }[] = [
    ...(params.tls ? tlsFiles(edge, params.tls) : [{ path: "/etc/limelight-edge/nginx.conf", content: renderEdgeConfig(edge), permissions: "0600" }]),
    { path: "/etc/limelight-edge/viewer-counter.sh", content: renderViewerCounterScript(edge), permissions: "0755" },
    { path: "/etc/systemd/system/limelight-edge.service", content: nginxUnit, permissions: "0644" },
    { path: "/etc/systemd/system/limelight-viewers.service", content: counterUnit, permissions: "0644" },
  ];
  const writeFiles = files
    .map((f) => `  - path: ${f.path}\n    permissions: "${f.permissions}"\n    content: |\n${indent(f.content, 6)}`)
    .join("\n");
  const dirs = [paths.logDir, paths.cacheDir, paths.statusDir, paths.tmpDir, ...(params.tls ? [acmeWebroot(edge)] : [])].join(" ");
  // Images that ship ufw (enabled or not) get the edge's ports opened; without ufw nothing changes.
  const ports = params.tls ? [80, 443] : [params.listenPort];
  const openPorts = `  - [sh, -c, "if command -v ufw >/dev/null; then ${ports.map((p) => `ufw allow ${p}/tcp;`).join(" ")} fi"]\n`;
  const certbot = params.tls !== undefined && params.tls.fleetCertificate === undefined;
  const tlsStart = certbot
    ? `  - systemctl enable --now certbot.timer
  - systemctl enable limelight-edge-certificate.service
  - systemctl start --no-block limelight-edge-certificate.service
`
    : "";
  return `#cloud-config
package_update: true
packages:
  - nginx
${certbot ? "  - certbot\n" : ""}write_files:
${writeFiles}
runcmd:
  - systemctl disable --now nginx
  - mkdir -p ${dirs}
  - echo '{"viewers":0,"streams":{},"windowSeconds":30,"updatedAt":0}' > ${paths.viewersJson}
  - chown -R www-data:www-data ${STATE_DIR}
  - systemctl daemon-reload
${openPorts}  - systemctl enable --now limelight-edge.service limelight-viewers.service
${tlsStart}`;
}
