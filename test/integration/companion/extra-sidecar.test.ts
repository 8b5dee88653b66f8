// An operator-declared sidecar is supervised like Palyra's own: started at launch, probed,
// shown in the snapshot, and stopped with the rest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extraSidecarsPath } from '../../../main/core/companion/extra-sidecars';
import { isProcessAlive } from '../../../main/core/process/procfs';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

const SIDECAR = join(__dirname, '..', '..', '..', 'build', 'test', 'fixtures', 'sidecars', 'sidecar.js');

let demo: DemoCore | null = null;
afterEach(async () => {
  await demo?.stop();
  demo = null;
});

/** Starts the core with `content` as <state root>/companion/extra-sidecars.json. */
function startWithExtraSidecars(content: string): Promise<DemoCore> {
  return startDemoCore({
    tmpPrefix: 'companion-extra-',
    prepare: (dir) => {
      mkdirSync(join(dir, 'companion'), { recursive: true });
      writeFileSync(extraSidecarsPath(dir), content);
    },
  });
}

describe('extra sidecars from extra-sidecars.json', () => {
  it('runs a declared sidecar next to the Palyra ones and stops it on shutdown', async () => {
    const port = await freePort();
    demo = await startWithExtraSidecars(
      JSON.stringify({
        sidecars: [
          {
            name: 'model-server',
            displayName: 'Model server',
            command: process.execPath,
            args: [SIDECAR, '--port', String(port), '--service', 'model-server'],
            ports: [{ port }],
            health: { type: 'http', url: `http://127.0.0.1:${port}/healthz`, expectService: 'model-server' },
          },
        ],
      }),
    );
    const c = demo.core;
    const extra = await waitFor(
      () => c.snapshot().services.find((s) => s.name === 'model-server' && s.health === 'healthy'),
      'the extra sidecar healthy',
    );
    expect(extra).toMatchObject({ kind: 'extra', displayName: 'Model server', state: 'running' });
    await c.shutdown();
    expect(isProcessAlive(extra.pid!)).toBe(false);
  });

  it('shows a broken file as a warning and still runs Palyra', async () => {
    demo = await startWithExtraSidecars('{ not json');
    const c = demo.core;
    expect(c.snapshot().warnings.some((w) => w.includes('extra-sidecars.json is not valid JSON'))).toBe(true);
    await waitFor(
      () => c.snapshot().services.find((s) => s.kind === 'gateway' && s.health === 'healthy'),
      'gateway healthy',
    );
  });
});
