// Lint for the whole repository. `process.env` is read only in each app's
// env.ts (parsed once with zod), in config files and in test/bench tooling.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next*/**",
      "**/dist/**",
      "**/generated/**",
      "artifacts/**",
      "packages/reconnect-ws/**",
      "**/next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from the app's env.ts only." }],
    },
  },
  {
    files: [
      "**/env.ts",
      "**/*.config.{ts,mjs,js}",
      "**/test/**",
      "**/*.test.ts",
      "**/*.test.tsx",
      "packages/testkit/**",
      "packages/fake-*/**",
      "bench/**",
      "infra/**",
      "prisma/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
);
