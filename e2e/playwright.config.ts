// Browser tests: the built portal served by the real API on a fresh SQLite database, driven in Debian's
// Chromium (never a downloaded browser: ../shared/design/toolchain.md). One worker is plenty on 2 cores.
// The browser comes from scripts/chromium.mjs, the same finder npm test uses (npm test passes the path it
// resolved, installing Debian's chromium first when it can, as CERTLAB_CHROMIUM).
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, FIX, findChromium } from "../scripts/chromium.mjs";

const chromium = findChromium();
if (!chromium.path) {
  // One line instead of a launch failure (and a trace) per test.
  throw new Error(`No Chromium for the browser tests (looked at ${chromium.looked}). Fix: ${FIX}.`);
}

const port = Number(process.env.CERTLAB_E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "specs",
  fullyParallel: false,
  workers: 1,
  // One retry under CI only: a 2-core machine under load can miss a render deadline; Playwright still
  // reports such a test as "flaky", so it stays visible.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium.path,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "node serve.mjs",
    url: `http://127.0.0.1:${port}/api/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { CERTLAB_E2E_PORT: String(port) },
  },
});
