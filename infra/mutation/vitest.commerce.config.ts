import { defineConfig } from "vitest/config";

// The commerce suites of apps/web (SQLite; the PostgreSQL concurrency suite and browser suites excluded),
// for mutation testing (stryker.commerce.config.mjs).
export default defineConfig({
  test: {
    include: ["apps/web/src/server/commerce/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.browser.test.ts", "**/*.postgres.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
