/**
 * Serves the player page (player-entry.tsx bundled with esbuild) on a free
 * port: GET / (HTML with the injected source), GET /player.js, and
 * POST /renew (answers the renew callback's HlsSource).
 */
import { createServer, type Server } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { freePort } from "@limelight/testkit";
import type { HlsSource } from "../../apps/web/src/components/hls/signed-source";

let bundle: Promise<string> | null = null;

/** Bundles the page script once per process. */
function playerBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), "player-entry.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    jsx: "automatic",
    target: "es2022",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]?.text ?? "");
  return bundle;
}

/** A running player page. */
export interface PlayerPage {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts the page. `renew` produces each fresh source; `barcodeBaseMs` turns
 * on latency measurement from the burned-in clock; `hlsConfig` overrides
 * hls.js settings of the player.
 */
export async function startPlayerPage(options: { source: HlsSource; renew: () => HlsSource; barcodeBaseMs?: number; hlsConfig?: Record<string, unknown> }): Promise<PlayerPage> {
  const script = await playerBundle();
  const config = JSON.stringify({ source: options.source, barcodeBaseMs: options.barcodeBaseMs ?? null, hlsConfig: options.hlsConfig ?? null }).replaceAll("<", "\\u003c");
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>HLS test player</title></head><body><div id="root"></div><script>window.__config=${config};</script><script type="module" src="/player.js"></script></body></html>`;
  const server: Server = createServer((request, response) => {
    if (request.url === "/player.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else if (request.url === "/renew" && request.method === "POST") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(options.renew()));
    } else if (request.url === "/" || request.url?.startsWith("/?")) {
      response.writeHead(200, { "content-type": "text/html" }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
