/// <reference types="@wdio/globals/types" />
// WebdriverIO against the real Electron app via wdio-electron-service. Not part of `npm test`:
// Electron's binary is not installed on CI (ELECTRON_SKIP_BINARY_DOWNLOAD / allowScripts), and
// there this config reports the suite as skipped and exits 0 instead of failing.
// Run: npm run build && npx wdio run wdio.electron.conf.ts
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type {} from 'wdio-electron-service';

const root = __dirname;
// package.json's main: the same entry as the packaged app.
const appEntryPoint = join(root, 'build', 'main', 'launch.js');

/** The Electron binary path, or why there is none. */
function findElectronBinary(): { path: string } | { missing: string } {
  try {
    // electron's index.js returns the binary path, and throws when the binary was never downloaded.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `Electron binary not found at ${String(path)}` };
  } catch {
    return { missing: 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  }
}

const electron = findElectronBinary();
const runnable = 'path' in electron;

export const config: WebdriverIO.Config = {
  runner: 'local',
  specs: ['./test/e2e-electron/**/*.e2e.ts'],
  maxInstances: 1,
  // The service is only loaded when there is something to drive; it would fail hunting for a binary.
  services: runnable ? ['electron'] : [],
  capabilities: [
    {
      browserName: 'electron',
      'wdio:electronServiceOptions': {
        appEntryPoint,
        // The simulator stands in for Palyra, so nothing else needs to be installed.
        appArgs: ['--demo'],
      },
    },
  ],
  logLevel: 'warn',
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 60_000 },
  waitforTimeout: 10_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 1,
  onPrepare: () => {
    if (!runnable) {
      console.log(`SKIPPED: ${electron.missing} — run on a desktop machine`);
      process.exit(0);
    }
    if (!existsSync(appEntryPoint)) {
      throw new Error(`${appEntryPoint} is missing — run \`npm run build\` first.`);
    }
  },
};
