import { defineConfig } from "vitest/config";

// `npm run test:kms`: suites against a real Kurento Media Server (KMS_URL);
// they skip with a message without it. See docs/kurento.md.
export default defineConfig({
  test: {
    include: ["{apps,packages}/**/*.kms.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
