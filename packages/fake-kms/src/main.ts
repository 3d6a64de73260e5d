/**
 * Run a fake Kurento Media Server from the command line, so the demo and the
 * browser tests can run the platform without a real KMS:
 *   npx tsx packages/fake-kms/src/main.ts --port 8888 [--host 127.0.0.1] [--player-duration-ms 30000]
 * Prints the WebSocket URL (`ws://<host>:<port>/kurento`); stops on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startFakeKms } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.FAKE_KMS_PORT ?? "8888" },
    host: { type: "string", default: process.env.FAKE_KMS_HOST ?? "127.0.0.1" },
    "player-duration-ms": { type: "string" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-kms: invalid --port ${values.port}`);
  process.exit(2);
}
const duration = values["player-duration-ms"] === undefined ? undefined : Number(values["player-duration-ms"]);

const kms = await startFakeKms({ port, host: values.host, playerDurationMs: duration });
console.log(`fake-kms listening on ${kms.url}`);

const shutdown = (): void => {
  void kms.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
