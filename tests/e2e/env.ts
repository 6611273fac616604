/** Where the e2e server listens: the same host in the browser as in APP_URL, so cookies match. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3300);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const SCREENSHOT_DIR = "test-results/e2e";
