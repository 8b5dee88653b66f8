// With the tokens in the keychain, no file under the state root may hold one: not the pid
// registry (browserd's --auth-token used to be stored with its command line), not the logs, not
// the lock. The leftover identity check must still recognise a kill -9'd companion's sidecars.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverDemoTokens } from '../../../main/core/secrets/demo-token-recovery';
import { PidRegistry } from '../../../main/core/supervisor/pid-registry';
import { allHealthy } from '../../support/all-healthy';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { waitFor } from '../../support/wait-for';
import { ProductBed, sidecarPids } from './product-launch';

let demo: DemoCore | null = null;
const bed = new ProductBed();
afterEach(async () => {
  await demo?.stop();
  demo = null;
  await bed.cleanup();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
}

describe('no secret on disk', () => {
  it('keeps every token out of every file under the state root, while the sidecars run', async () => {
    demo = await startDemoCore();
    const { core, dir, keychain } = demo;
    // Shorter than the test's own limit, so a slow start fails naming what it waited for.
    await waitFor(() => allHealthy(core.snapshot(), 3), 'the three demo sidecars healthy', 60_000);
    await core.handlers['settings.save']({ preferences: { logFilesEnabled: true } });
    const tokens = [...keychain.values.values()];
    expect(tokens.length).toBe(2);
    const records = new PidRegistry(dir).load();
    expect(records.map((r) => r.service).sort()).toEqual(['browserd', 'gateway', 'nodehost']);
    for (const path of filesUnder(dir)) {
      const content = readFileSync(path, 'latin1');
      for (const token of tokens) expect(content.includes(token), `${path} holds a token`).toBe(false);
    }
  }, 90_000);
});

describe('leftover identity without the tokens on disk', () => {
  it("still adopts a kill -9'd companion's sidecars, browserd included (whose command line carries its token)", async () => {
    const root = bed.stateRoot();
    const first = await bed.launch(root);
    const before = await sidecarPids(root, ['gateway', 'browserd', 'nodehost']);
    // Demo keeps its tokens in memory: take them from the running gateway, as a relaunch does.
    const tokens = recoverDemoTokens(root);
    expect(Object.keys(tokens).sort()).toEqual(['admin_token', 'browser_auth_token']);
    const registryText = readFileSync(join(root, 'companion', 'sidecars.json'), 'utf8');
    expect(registryText).toContain('--auth-token');
    for (const token of Object.values(tokens)) expect(registryText).not.toContain(token);

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await bed.launch(root, { ports: first.ports });
    const after = await sidecarPids(root, ['gateway', 'browserd', 'nodehost']);
    expect(after).toEqual(before);
  });
});
