/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium; Playwright never downloads a browser here) against the
 * production build, served by our own server on a fresh embedded database (tests/e2e/global-setup.ts).
 * Run `npm run build` first (or `NEXT_DIST_DIR=<dir> npx next build` and the same NEXT_DIST_DIR here).
 */
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL } from "./tests/e2e/env";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/e2e-artifacts",
  globalSetup: "./tests/e2e/global-setup.ts",
  fullyParallel: true,
  // Two cores: the server and two browsers share them.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // One retry in CI: a journey that fails twice fails the run; one that passes on retry is reported as flaky.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: E2E_BASE_URL,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: "light",
    locale: "en-US",
    timezoneId: "UTC",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    // A trace records every action's screenshot and DOM snapshot: CPU the two browsers and the server share. In CI a
    // failed test is retried, and the retry is traced; locally (no retries) a failing test keeps its trace.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
});
