import { defineConfig } from "vitest/config";

// One run for every workspace's tests (`*.test.ts`). Browser suites
// (`*.browser.test.ts`) need a built web app and run in vitest.browser.config.ts;
// real-Kurento suites (`*.kms.test.ts`) run in vitest.kms.config.ts (npm run test:kms).
export default defineConfig({
  test: {
    include: ["{apps,packages,bench,infra}/**/*.test.{ts,tsx}"],
    exclude: ["**/node_modules/**", "**/.next*/**", "**/*.browser.test.ts", ".stryker-tmp/**", "**/*.kms.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
