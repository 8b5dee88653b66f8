// Packaged --demo: the supervisor spawns the demo wrappers, which run the app's own executable with
// the simulator switch instead of an external `node` (a packaged app may have none, and RunAsNode is
// fused off). Here Node stands in for that executable (test/fixtures/shell/simulator-app-entry.ts);
// the dispatch, the wrapper's quoting and the supervisor's whole path are real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_SWITCH } from '../../../main/shell/simulator-host';
import { allHealthy } from '../../support/all-healthy';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { waitFor } from '../../support/wait-for';

const APP_ENTRY = join(
  __dirname,
  '..',
  '..',
  '..',
  'build',
  'test',
  'fixtures',
  'shell',
  'simulator-app-entry.js',
);

let demo: DemoCore | null = null;
afterEach(async () => {
  await demo?.stop();
  demo = null;
});

describe('demo sidecars run through the app executable', () => {
  it('starts all three simulators healthy and connected, with no node on their command line', async () => {
    demo = await startDemoCore({ core: { demoRunner: [process.execPath, APP_ENTRY, SIMULATOR_SWITCH] } });
    const core = demo.core;
    await waitFor(() => allHealthy(core.snapshot(), 3), 'all sidecars healthy', 30_000);
    await waitFor(() => core.snapshot().connection.state === 'connected', 'connected', 30_000);
    const wrapper = readFileSync(join(demo.dir, 'companion', 'demo-bin', 'palyrad'), 'utf8');
    expect(wrapper).toContain(`"${APP_ENTRY}" "${SIMULATOR_SWITCH}" "`);
  });
});
