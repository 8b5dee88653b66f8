// An operator-declared sidecar is supervised like Palyra's own: started at launch, probed,
// shown in the snapshot, and stopped with the rest.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCompanionCore, type Companion } from '../../../main/core/companion';
import { extraSidecarsPath } from '../../../main/core/companion/extra-sidecars';
import { isProcessAlive } from '../../../main/core/process/procfs';
import { MemoryKeychain } from '../../support/memory-keychain';
import { freePalyraPorts, freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

const SIDECAR = join(__dirname, '..', '..', '..', 'build', 'test', 'fixtures', 'sidecars', 'sidecar.js');

let dir: string;
let core: Companion | null = null;
afterEach(async () => {
  await core?.shutdown();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('extra sidecars from extra-sidecars.json', () => {
  it('runs a declared sidecar next to the Palyra ones and stops it on shutdown', async () => {
    dir = mkdtempSync(join(tmpdir(), 'companion-extra-'));
    const port = await freePort();
    mkdirSync(join(dir, 'companion'), { recursive: true });
    writeFileSync(
      extraSidecarsPath(dir),
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
    core = await createCompanionCore({
      demo: true,
      stateRoot: dir,
      ports: await freePalyraPorts(),
      keychain: new MemoryKeychain(),
      healthIntervalMs: 250,
      log: () => undefined,
    });
    const c = core;
    const extra = await waitFor(
      () => c.snapshot().services.find((s) => s.name === 'model-server' && s.health === 'healthy'),
      'the extra sidecar healthy',
    );
    expect(extra).toMatchObject({ kind: 'extra', displayName: 'Model server', state: 'running' });
    await c.shutdown();
    core = null;
    expect(isProcessAlive(extra.pid!)).toBe(false);
  });

  it('shows a broken file as a warning and still runs Palyra', async () => {
    dir = mkdtempSync(join(tmpdir(), 'companion-extra-'));
    mkdirSync(join(dir, 'companion'), { recursive: true });
    writeFileSync(extraSidecarsPath(dir), '{ not json');
    core = await createCompanionCore({
      demo: true,
      stateRoot: dir,
      ports: await freePalyraPorts(),
      keychain: new MemoryKeychain(),
      log: () => undefined,
    });
    const c = core;
    expect(c.snapshot().warnings.some((w) => w.includes('extra-sidecars.json is not valid JSON'))).toBe(true);
    await waitFor(
      () => c.snapshot().services.find((s) => s.kind === 'gateway' && s.health === 'healthy'),
      'gateway healthy',
    );
  });
});
