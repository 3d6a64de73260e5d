// Mutation testing of apps/web/src/server/commerce (`npm run test:mutation`): Stryker mutates
// the commerce use cases and runs their SQLite suites; a surviving mutant is a change of
// behaviour no test notices. Not part of CI (a report: see the README's scores).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "infra/mutation/vitest.commerce.config.ts", related: false },
  mutate: ["apps/web/src/server/commerce/**/*.ts", "!apps/web/src/server/commerce/**/*.test.ts", "!apps/web/src/server/commerce/testing/**"],
  ignorePatterns: ["apps/web/.next*", "artifacts", ".data", "reports", ".stryker-tmp"],
  coverageAnalysis: "perTest",
  concurrency: 1,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/commerce.html" },
  jsonReporter: { fileName: "reports/mutation/commerce.json" },
  thresholds: { high: 90, low: 80, break: null },
  incremental: true,
  incrementalFile: "reports/mutation/commerce-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
