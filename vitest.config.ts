import { defineConfig } from "vitest/config";
import path from "node:path";
import { availableParallelism } from "node:os";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run server code directly; "server-only" guards only the client bundle.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", "lib/generated/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["./vitest.setup.ts"],
    // Vitest's default (cores - 1) is one worker on a 2-core CI machine, so the PGlite and PostgreSQL
    // flow files (about 225 s each, much of it waiting on the emulator and the databases) ran one after
    // the other: 610 s. Two workers there: 359 s, same results.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
