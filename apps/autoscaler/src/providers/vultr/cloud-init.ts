import { edgePaths, renderEdgeConfig, renderViewerCounterScript } from "../../../../../infra/nginx/render-edge";

/** What a Vultr edge needs to know at boot. */
export interface EdgeCloudInitParams {
  /** HTTP port the edge listens on (80). */
  listenPort: number;
  /** Origin HTTP address host:port as the VM reaches it. */
  origin: string;
  /** Shared edge token secret (written into the nginx config). */
  tokenSecret: string;
}

const STATE_DIR = "/var/lib/limelight-edge";

function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

/**
 * The cloud-init user data (#cloud-config, https://cloudinit.readthedocs.io/en/latest/reference/modules.html)
 * of a Vultr edge: installs nginx, writes the edge config rendered from the
 * same template as local edges (infra/nginx/render-edge.ts) with the token
 * secret and origin address, and runs nginx and the viewer counter as systemd
 * services. The result is plain text; Vultr wants it base64-encoded.
 */
export function renderEdgeCloudInit(params: EdgeCloudInitParams): string {
  const edge = { listenPort: params.listenPort, origin: params.origin, tokenSecret: params.tokenSecret, stateDir: STATE_DIR, user: "www-data" };
  const paths = edgePaths(edge);
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
    { path: "/etc/limelight-edge/nginx.conf", content: renderEdgeConfig(edge), permissions: "0600" },
    { path: "/etc/limelight-edge/viewer-counter.sh", content: renderViewerCounterScript(edge), permissions: "0755" },
    { path: "/etc/systemd/system/limelight-edge.service", content: nginxUnit, permissions: "0644" },
    { path: "/etc/systemd/system/limelight-viewers.service", content: counterUnit, permissions: "0644" },
  ];
  const writeFiles = files
    .map((f) => `  - path: ${f.path}\n    permissions: "${f.permissions}"\n    content: |\n${indent(f.content, 6)}`)
    .join("\n");
  const dirs = [paths.logDir, paths.cacheDir, paths.statusDir, paths.tmpDir].join(" ");
  return `#cloud-config
package_update: true
packages:
  - nginx
write_files:
${writeFiles}
runcmd:
  - systemctl disable --now nginx
  - mkdir -p ${dirs}
  - echo '{"viewers":0,"streams":{},"windowSeconds":30,"updatedAt":0}' > ${paths.viewersJson}
  - chown -R www-data:www-data ${STATE_DIR}
  - systemctl daemon-reload
  - systemctl enable --now limelight-edge.service limelight-viewers.service
`;
}
