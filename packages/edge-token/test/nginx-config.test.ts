/**
 * The origin and edge templates render configs that Debian's nginx accepts
 * (`nginx -t`) for the parameter sets the scripts and the autoscaler use, and
 * refuse parameters that would break or weaken them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, spawnLogged, waitFor, type Spawned } from "@limelight/testkit";
import { request as httpRequest } from "node:http";
import { request } from "node:https";
import { afterAll, describe, expect, it } from "vitest";
import { acmeWebroot, renderEdgeConfig, renderViewerCounterScript } from "../../../infra/nginx/render-edge";
import { renderOriginConfig } from "../../../infra/nginx/render-origin";
import { DEFAULT_RENDITIONS, parseRenditions, renditionFfmpegOutputs } from "../../../infra/nginx/renditions";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "limelight-conf-"));
  dirs.push(dir);
  for (const sub of ["logs", "tmp", "hls", "cache", "status"]) mkdirSync(join(dir, sub), { recursive: true });
  return dir;
}

/** Runs `nginx -t` on a config; returns "ok", or nginx's complaint. */
function nginxTest(dir: string, conf: string): string {
  writeFileSync(join(dir, "nginx.conf"), conf);
  const result = spawnSync("nginx", ["-t", "-p", dir, "-e", join(dir, "logs", "error.log"), "-c", join(dir, "nginx.conf")], { encoding: "utf8" });
  return result.status === 0 ? "ok" : `${result.stderr}`;
}

const secret = "config-test-secret-0123456789abcdefghijk";

describe("origin template", () => {
  it("is valid nginx with the default ladder, on_publish, on_publish_done and an allow list", () => {
    const dir = stateDir();
    const conf = renderOriginConfig({
      rtmpPort: 19_350,
      httpPort: 18_088,
      stateDir: dir,
      onPublishUrl: "http://127.0.0.1:3000/api/rtmp/on-publish",
      onPublishDoneUrl: "http://127.0.0.1:3000/api/rtmp/on-publish-done",
      httpAllow: ["10.0.0.0/8"],
    });
    expect(nginxTest(dir, conf)).toBe("ok");
    for (const r of DEFAULT_RENDITIONS) expect(conf).toContain(`hls_variant _${r.name} `);
    expect(conf).toContain("on_publish http://127.0.0.1:3000/api/rtmp/on-publish;");
    expect(conf).toContain("on_publish_done http://127.0.0.1:3000/api/rtmp/on-publish-done;");
    expect(conf).toMatch(/allow 10\.0\.0\.0\/8;\s+deny all;/);
  });

  it("serves its nginx-rtmp statistics only to loopback and private networks by default, or to the addresses given", () => {
    const dir = stateDir();
    const statBlock = (c: string) => /location = \/rtmp-stat \{([^}]*)\}/.exec(c)?.[1] ?? "";
    const byDefault = renderOriginConfig({ rtmpPort: 19_352, httpPort: 18_090, stateDir: dir });
    expect(nginxTest(dir, byDefault)).toBe("ok");
    expect(statBlock(byDefault)).toContain("rtmp_stat all;");
    expect(statBlock(byDefault)).toMatch(/allow 127\.0\.0\.1;[\s\S]*allow 192\.168\.0\.0\/16;[\s\S]*deny all;/);
    expect(statBlock(byDefault)).not.toMatch(/allow (0\.0\.0\.0|all)/);
    const given = renderOriginConfig({ rtmpPort: 19_352, httpPort: 18_090, stateDir: dir, statAllow: ["10.1.2.3"] });
    expect(nginxTest(dir, given)).toBe("ok");
    expect(statBlock(given).replace(/\s+/g, " ").trim()).toBe("allow 10.1.2.3; deny all; access_log off; rtmp_stat all;");
  });

  it("accepts only localhost publishers when no on_publish URL is given", () => {
    const dir = stateDir();
    const conf = renderOriginConfig({ rtmpPort: 19_351, httpPort: 18_089, stateDir: dir, renditions: parseRenditions("src") });
    expect(nginxTest(dir, conf)).toBe("ok");
    expect(conf).toMatch(/application ingest \{[^}]*allow publish 127\.0\.0\.1;\s+deny publish all;/);
  });

  it("refuses bad ports, paths and ladders", () => {
    expect(() => renderOriginConfig({ rtmpPort: 0, httpPort: 8088, stateDir: "/tmp/x" })).toThrow(/rtmpPort/);
    expect(() => renderOriginConfig({ rtmpPort: 1935, httpPort: 8088, stateDir: "relative/dir" })).toThrow(/stateDir/);
    expect(() => parseRenditions("src,src")).toThrow(/duplicate/);
    expect(() => parseRenditions("481p:500")).toThrow(/even/);
    expect(() => parseRenditions("")).toThrow();
  });

  it("transcodes each non-source rendition with a keyframe every fragment and copies the source", () => {
    const args = renditionFfmpegOutputs(parseRenditions("src,480p:1200,360p:700"), "rtmp://127.0.0.1:1935/hls", "$name", 1);
    expect(args.filter((a) => a.startsWith("rtmp://"))).toEqual(["rtmp://127.0.0.1:1935/hls/$name_src", "rtmp://127.0.0.1:1935/hls/$name_480p", "rtmp://127.0.0.1:1935/hls/$name_360p"]);
    expect(args.filter((a) => a === "expr:gte(t,n_forced*1)")).toHaveLength(2);
    expect(args).toContain("scale=-2:480");
  });
});

describe("edge template", () => {
  it("is valid nginx with defaults and with every path overridden (as on a VM)", () => {
    const dir = stateDir();
    expect(nginxTest(dir, renderEdgeConfig({ listenPort: 18_081, origin: "127.0.0.1:18088", tokenSecret: secret, stateDir: dir }))).toBe("ok");
    const other = stateDir();
    const conf = renderEdgeConfig({
      listenPort: 8081,
      listenAddress: "127.0.0.1",
      origin: "origin.internal:8088",
      tokenSecret: secret,
      stateDir: other,
      cacheDir: join(other, "cache"),
      cacheMaxSize: "512m",
      pidPath: join(other, "edge.pid"),
      logDir: join(other, "logs"),
      statusDir: join(other, "status"),
      workerProcesses: 2,
      playlistCacheSeconds: 1,
    });
    const playlistBlock = (c: string) => c.split("location ~ ").find((block) => block.includes("index\\.m3u8")) ?? "";
    expect(playlistBlock(conf)).toContain("proxy_ignore_headers Cache-Control Expires Set-Cookie X-Accel-Expires;");
    expect(playlistBlock(renderEdgeConfig({ listenPort: 8081, origin: "127.0.0.1:8088", tokenSecret: secret, stateDir: other }))).toContain(
      "proxy_ignore_headers Cache-Control Expires Set-Cookie;",
    );
    expect(conf).toContain(`pid ${join(other, "edge.pid")};`);
    expect(conf).toContain("max_size=512m");
    expect(conf).toContain("server origin.internal:8088");
  });

  it("refuses a secret nginx could misread, a bad origin and a bad cache size", () => {
    const base = { listenPort: 8081, origin: "127.0.0.1:8088", tokenSecret: secret, stateDir: "/tmp/edge" };
    expect(() => renderEdgeConfig({ ...base, tokenSecret: "short" })).toThrow(/secret/);
    expect(() => renderEdgeConfig({ ...base, tokenSecret: `${secret}$host` })).toThrow(/secret/);
    expect(() => renderEdgeConfig({ ...base, tokenSecret: `${secret}"; return 200;` })).toThrow(/secret/);
    expect(() => renderEdgeConfig({ ...base, origin: "http://127.0.0.1:8088" })).toThrow(/origin/);
    expect(() => renderEdgeConfig({ ...base, cacheMaxSize: "1g; evil" })).toThrow(/cacheMaxSize/);
  });

  it("renders a viewer counter script that bash accepts", () => {
    const dir = stateDir();
    const script = join(dir, "counter.sh");
    writeFileSync(script, renderViewerCounterScript({ stateDir: dir }, { windowSeconds: 20, intervalSeconds: 2 }));
    expect(() => execFileSync("bash", ["-n", script])).not.toThrow();
  });
});

/** A self-signed certificate for `name` made with openssl (key and cert PEM files in `dir`). */
function selfSignedCertificate(dir: string, name: string): { certPath: string; keyPath: string; pem: string } {
  const certPath = join(dir, "fullchain.pem");
  const keyPath = join(dir, "privkey.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-addext", `subjectAltName=DNS:${name}`, "-keyout", keyPath, "-out", certPath], { stdio: "ignore" });
  return { certPath, keyPath, pem: readFileSync(certPath, "utf8") };
}

/** GET over HTTPS to 127.0.0.1:port, verifying the certificate against `ca` for the name `servername`. */
function httpsGet(port: number, path: string, servername: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, servername, ca, headers: { host: servername }, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Plain-HTTP GET on a fresh connection (no keep-alive pool): a pooled socket
 * from before an nginx reload may be closed by the old worker mid-request.
 */
function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("edge template with TLS (certbot --webroot on port 80, HLS on 443)", () => {
  const name = "ll-test-0123456789ab.edges.example.com";
  let nginx: Spawned | undefined;
  afterAll(() => nginx?.stop());

  it("before the certificate exists renders only the plain-HTTP server, which nginx accepts without any certificate file", () => {
    const dir = stateDir();
    const conf = renderEdgeConfig({
      listenPort: 18_082, origin: "127.0.0.1:18088", tokenSecret: secret, stateDir: dir,
      tls: { serverName: name, certPath: "/nonexistent/fullchain.pem", keyPath: "/nonexistent/privkey.pem", httpsPort: 18_443, awaitingCertificate: true },
    });
    expect(nginxTest(dir, conf)).toBe("ok");
    expect(conf).not.toContain("ssl_certificate");
    expect(conf).not.toContain("18443");
    expect(conf).not.toContain("secure_link");
    expect(conf).toContain(`root ${join(dir, "acme")};`);
  });

  it("answers nothing on 443 until the certificate exists, then (after a reload, as certbot's deploy hook does) /healthz over HTTPS for the edge's name; port 80 keeps only ACME challenges", async () => {
    const dir = stateDir();
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    const certPaths = { certPath: join(dir, "fullchain.pem"), keyPath: join(dir, "privkey.pem") };
    const params = { listenPort: httpPort, listenAddress: "127.0.0.1", origin: "127.0.0.1:9", tokenSecret: secret, stateDir: dir, tls: { serverName: name, ...certPaths, httpsPort } };

    // Boot: no certificate yet.
    expect(nginxTest(dir, renderEdgeConfig({ ...params, tls: { ...params.tls, awaitingCertificate: true } }))).toBe("ok");
    // What certbot --webroot leaves for Let's Encrypt to fetch.
    const challengeDir = join(acmeWebroot(params), ".well-known", "acme-challenge");
    mkdirSync(challengeDir, { recursive: true });
    writeFileSync(join(challengeDir, "tok3n-Abc_123"), "tok3n-Abc_123.thumbprint");
    execFileSync("chmod", ["-R", "a+rX", dir]);
    const nginxArgs = ["-p", dir, "-e", join(dir, "logs", "error.log"), "-c", join(dir, "nginx.conf")];
    nginx = spawnLogged("nginx", [...nginxArgs, "-g", "daemon off;"]);
    await waitFor(async () => (await httpGet(httpPort, "/healthz").catch(() => null))?.status === 200, 10_000, 100, `edge nginx (${nginx.output()})`);
    expect((await httpGet(httpPort, "/.well-known/acme-challenge/tok3n-Abc_123")).body).toBe("tok3n-Abc_123.thumbprint");
    await expect(httpsGet(httpsPort, "/healthz", name, "")).rejects.toThrow(/ECONNREFUSED/);

    // The certificate arrives; the HTTPS config is installed and nginx reloaded.
    const cert = selfSignedCertificate(dir, name);
    const conf = renderEdgeConfig(params);
    expect(nginxTest(dir, conf)).toBe("ok");
    expect(conf).toContain(`server_name ${name};`);
    expect(conf).toContain(`ssl_certificate ${cert.certPath};`);
    execFileSync("nginx", [...nginxArgs, "-s", "reload"]);
    await waitFor(async () => (await httpsGet(httpsPort, "/healthz", name, cert.pem).catch(() => null))?.status === 200, 10_000, 100, `https after reload (${nginx.output()})`);

    const healthz = await httpsGet(httpsPort, "/healthz", name, cert.pem);
    expect(healthz).toEqual({ status: 200, body: "ok\n" });
    // A client that does not trust the certificate is refused (the autoscaler's fetch verifies like this).
    await expect(httpsGet(httpsPort, "/healthz", name, "")).rejects.toThrow();
    const gated = await httpsGet(httpsPort, "/t/AAAAAAAAAAAAAAAAAAAAAA/9999999999/viewer1/show1/show1.m3u8", name, cert.pem);
    expect(gated.status).toBe(403);

    expect(await httpGet(httpPort, "/.well-known/acme-challenge/tok3n-Abc_123")).toEqual({ status: 200, body: "tok3n-Abc_123.thumbprint" });
    expect((await httpGet(httpPort, "/.well-known/acme-challenge/missing")).status).toBe(404);
    expect((await httpGet(httpPort, "/viewers")).status).toBe(403);
    expect((await httpGet(httpPort, "/t/AAAAAAAAAAAAAAAAAAAAAA/9999999999/viewer1/show1/show1.m3u8")).status).toBe(403);
  });

  it("refuses a bad server name, a relative certificate path and HTTPS on the HTTP port", () => {
    const base = { listenPort: 8081, origin: "127.0.0.1:8088", tokenSecret: secret, stateDir: "/tmp/edge" };
    const tls = { serverName: name, certPath: "/etc/c.pem", keyPath: "/etc/k.pem" };
    expect(() => renderEdgeConfig({ ...base, tls: { ...tls, serverName: "evil; return 200" } })).toThrow(/serverName/);
    expect(() => renderEdgeConfig({ ...base, tls: { ...tls, certPath: "c.pem" } })).toThrow(/certPath/);
    expect(() => renderEdgeConfig({ ...base, tls: { ...tls, httpsPort: 8081 } })).toThrow(/httpsPort/);
  });
});
