import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/setup/fail-on-console.ts"],
    globalSetup: ["tests/setup/global-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Every core runs test files (docs/decisions/111). Vitest's default for a run is one fewer than the cores: on CI's two
    // cores that is one worker, and the suite (CPU-bound in the worker: imports, PGlite, hashing) left the other core idle.
    maxWorkers: os.availableParallelism(),
    // Registration mails a verification link; without SMTP_URL the tests' mail goes here, not to ./.data/mail.
    env: { MAIL_DIR: path.join(os.tmpdir(), "workflow-studio-test-mail") },
  },
});
