// Lint for the whole repository. `process.env` is read only in each app's
// env.ts (parsed once with zod), in config files and in test/bench tooling.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next*/**",
      "**/dist/**",
      "**/generated/**",
      "artifacts/**",
      ".stryker-tmp/**",
      "reports/**",
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
      // No silent failure: a catch handles, logs or rethrows (a comment alone is not handling).
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // The import graph has no cycles (across workspaces too: each tsconfig resolves @/ and the packages).
    files: ["**/*.{ts,tsx,mjs,js}"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: ["tsconfig.json", "apps/*/tsconfig.json", "packages/*/tsconfig.json", "bench/tsconfig.json", "infra/tsconfig.json"] })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
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
