// End-to-end suite: Debian's Chromium drives the companion's browser UI, served by the real
// headless host (build/main/launch.js --demo) with the gateway simulator as palyrad. Each spec
// file starts its own companion (test/e2e/harness/companion-process.ts) so specs stay independent.
// Run: npm run build && npm run test:e2e
// To be safe from someone rebuilding build/ mid-run, point COMPANION_E2E_BUILD_DIR at a private
// build inside the repo (node_modules must resolve), e.g.
//   npx tsc -p tsconfig.build.json --outDir out/e2e-build &&
//   npx vite build --config tray-ui/vite.config.mts --outDir $PWD/out/e2e-build/tray-ui --emptyOutDir &&
//   COMPANION_E2E_BUILD_DIR=out/e2e-build npm run test:e2e
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumCapabilities } from '../support/chromium';
import { missingBuild } from './harness/build-paths';

let profileDir = '';

export const config: WebdriverIO.Config = {
  runner: 'local',
  specs: ['./**/*.e2e.ts'],
  maxInstances: 1,
  capabilities: [chromiumCapabilities()],
  logLevel: 'warn',
  framework: 'mocha',
  reporters: ['spec'],
  // The crash-loop spec waits out the real backoff (1+2+4+8 s) on a possibly loaded machine.
  mochaOpts: { ui: 'bdd', timeout: 120_000 },
  waitforTimeout: 30_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 1,
  // The config module is loaded again in every worker: make the profile here, in the launcher only.
  onPrepare: (_config, capabilities) => {
    const problem = missingBuild();
    if (problem) throw new Error(problem);
    profileDir = mkdtempSync(join(tmpdir(), 'companion-e2e-chromium-'));
    for (const cap of capabilities as WebdriverIO.Capabilities[]) {
      cap['goog:chromeOptions']?.args?.push(`--user-data-dir=${profileDir}`);
    }
  },
  // Headless Chromium will not make a window narrower than 500 px; emulate the popover instead.
  before: async () => {
    await browser.setViewport({ width: 380, height: 560 });
  },
  onComplete: () => {
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  },
};
