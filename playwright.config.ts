// Browser tests of the dashboard in real headless Chromium: Debian's `chromium` package (installed
// by .ci/run with apt-get), never a downloaded browser. `npm test` runs these after vitest.
import { defineConfig, devices } from '@playwright/test';

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  // Without these Chromium dials out at start and, on a closed network, its connections fail.
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export default defineConfig({
  testDir: 'test/web',
  testMatch: '**/*.spec.ts',
  outputDir: '.tmp/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: '.tmp/junit-web.xml' }]] : [['list']],
  globalSetup: './test/web/support/global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.PUNCHLIST_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
});
