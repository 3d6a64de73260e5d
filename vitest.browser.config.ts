import { defineConfig } from "vitest/config";

// Browser suites: real Chromium against a production build of apps/web.
// One file at a time: each starts its own servers and browser.
export default defineConfig({
  test: {
    include: ["{apps,packages,bench}/**/*.browser.test.ts"],
    exclude: ["**/node_modules/**", "**/.next*/**", ".stryker-tmp/**"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    // A busy machine renders slowly: expect.poll waits on the condition up to
    // 30 s (vitest's default is 1 s) instead of failing because a page was slow.
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
