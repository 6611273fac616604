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
    // Vitest's default for a run: one worker fewer than the cores (one on CI's two). Every core would run test files with
    // `maxWorkers: os.availableParallelism()` — proposed in docs/decisions/111, not enabled until a clean-clone CI run
    // shows the timing-sensitive tests hold with two files at once; `VITEST_MAX_WORKERS=2 npm test` tries it.
    // Registration mails a verification link; without SMTP_URL the tests' mail goes here, not to ./.data/mail.
    env: { MAIL_DIR: path.join(os.tmpdir(), "workflow-studio-test-mail") },
  },
});
