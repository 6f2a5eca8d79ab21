import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "node_modules/**",
    ".data/**",
    ".data-*/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      // Module registrars share one signature; a leading underscore marks a parameter kept for it.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // No import cycles anywhere in our own code (dynamic imports count too).
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/generated/**", "emulator/**"],
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Integrations are HTTP clients only: no database, no domain code (types are fine).
    files: ["lib/integrations/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/lib/(?!integrations/|core/errors$)",
              allowTypeImports: true,
              message:
                "lib/integrations imports no domain or database code: pass what it needs in (lib/integrations/connection.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // The core (db, env, errors, jobs…) sits under every domain and imports none of them.
    files: ["lib/core/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/lib/(?!core/|generated/)",
              message: "lib/core imports no domain code.",
            },
          ],
        },
      ],
    },
  },
]);
