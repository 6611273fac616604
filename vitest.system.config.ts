import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * System tests: production servers in child processes (the build in NEXT_DIST_DIR or .next must exist), PostgreSQL
 * databases of their own and a private PostgreSQL server. One file at a time; long timeouts.
 */
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  test: {
    include: ["tests/system/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
  },
});
