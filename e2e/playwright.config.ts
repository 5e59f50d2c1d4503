import { defineConfig } from '@playwright/test';

// Debian's Chromium, started with the flags that work on these closed-network machines.
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// `cargo xtask test` runs every journey, then the crash journeys in two phases around a server
// kill and restart (RESTART_PHASE=before|after), then the fresh-proof journeys against a server
// whose proofs last two seconds (PROOF_PHASE=1); a plain run leaves those out.
const phase = process.env.RESTART_PHASE ? `@restart-${process.env.RESTART_PHASE}` : process.env.PROOF_PHASE ? '@proof' : undefined;

export default defineConfig({
  testDir: './tests',
  grep: phase ? new RegExp(phase) : undefined,
  grepInvert: phase ? undefined : /@restart-|@proof/,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
    locale: 'zh-CN',
    launchOptions: chromium,
    trace: 'off',
    // Requests a service worker makes are not routed through page.route; offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    { name: 'mobile', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  ],
});
