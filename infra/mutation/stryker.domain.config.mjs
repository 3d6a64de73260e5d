// Mutation testing of packages/domain (`npm run test:mutation`): Stryker mutates
// the domain rules and runs their unit tests; a surviving mutant is a change of
// behaviour no test notices. Not part of CI (a report: see the README's scores).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "infra/mutation/vitest.domain.config.ts", related: false },
  mutate: ["packages/domain/src/**/*.ts", "!packages/domain/src/**/*.test.ts"],
  ignorePatterns: ["apps/web/.next*", "artifacts", ".data", "reports", ".stryker-tmp"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/domain.html" },
  jsonReporter: { fileName: "reports/mutation/domain.json" },
  thresholds: { high: 90, low: 80, break: null },
  incremental: true,
  incrementalFile: "reports/mutation/domain-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
