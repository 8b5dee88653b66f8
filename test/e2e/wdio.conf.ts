// End-to-end suite: Debian's Chromium drives the companion's browser UI, served by the real
// headless host (build/main/launch.js --demo) with the gateway simulator as palyrad. Each spec
// file starts its own companion (test/e2e/harness/companion-process.ts) so specs stay independent.
// Run: npm run build && npm run test:e2e
// To be safe from someone rebuilding build/ mid-run, point COMPANION_E2E_BUILD_DIR at a private
// build inside the repo (node_modules must resolve), e.g.
//   npx tsc -p tsconfig.build.json --outDir out/e2e-build &&
//   npx vite build --config tray-ui/vite.config.mts --outDir $PWD/out/e2e-build/tray-ui --emptyOutDir &&
//   COMPANION_E2E_BUILD_DIR=out/e2e-build npm run test:e2e
import { chromiumCapabilities } from '../support/chromium';
import { missingBuild } from './harness/build-paths';
import { prepareFakeMicrophone } from './harness/fake-microphone';
import { isolateWorker, sweepWorker } from './harness/worker-sweep';

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
  onPrepare: () => {
    const problem = missingBuild();
    if (problem) throw new Error(problem);
  },
  // Launcher-side hooks, around each spec file's worker: its own Chromium profile, and a teardown
  // that runs even when the spec timed out or the worker died (chromedriver, Chromium, companion).
  onWorkerStart: (cid, caps, specs) => {
    isolateWorker(cid, caps);
    prepareFakeMicrophone(caps, specs);
  },
  onWorkerEnd: (cid) => {
    const left = sweepWorker(cid);
    if (left.length > 0) console.warn(`e2e worker ${cid} left processes behind, killed: ${left.join(', ')}`);
  },
  // Headless Chromium will not make a window narrower than 500 px; emulate the popover instead.
  before: async () => {
    await browser.setViewport({ width: 380, height: 560 });
  },
};
