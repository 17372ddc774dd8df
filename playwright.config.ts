/**
 * Browser end-to-end tests in Debian's Chromium (never a downloaded browser). The server runs
 * with demo data on a fresh PGlite directory per run, so tests start from a known state.
 * PLAYWRIGHT_BASE_URL runs the suite against a server that is already up instead.
 */
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two runs (a developer's and CI's) share a machine.
const PORT = Number(process.env.E2E_PORT ?? 3199);
const external = process.env.PLAYWRIGHT_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

// The server must use the embedded database: any non-empty DATABASE_URL would switch it to
// PostgreSQL, so the variable is left out of the environment rather than blanked.
const serverEnv: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) {
  if (v !== undefined && k !== 'DATABASE_URL') serverEnv[k] = v;
}
serverEnv.PORT = String(PORT);
serverEnv.HOST = '127.0.0.1';
// Workers load this file again; the runner's first choice is kept so teardown removes the right directory.
process.env.BINHDANG_E2E_DATA ??= path.join(os.tmpdir(), `binhdang-e2e-${Date.now()}`);
serverEnv.BINHDANG_DATA = process.env.BINHDANG_E2E_DATA;

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: external ? undefined : './e2e/global-teardown.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: 'node packages/cli/bin/binhdang.js serve --demo',
        url: `http://127.0.0.1:${PORT}/api/health`,
        env: serverEnv,
        timeout: 120_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
