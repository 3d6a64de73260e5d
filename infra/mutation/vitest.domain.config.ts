import { defineConfig } from "vitest/config";

// The unit tests of packages/domain, for mutation testing (stryker.domain.config.mjs).
export default defineConfig({
  test: {
    include: ["packages/domain/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    pool: "forks",
    maxWorkers: 1,
  },
});
