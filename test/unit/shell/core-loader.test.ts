import { describe, expect, it } from 'vitest';
import { loadCompanionCore } from '../../../main/shell/core-loader';
import { FakeCore } from '../../fixtures/fake-core';

const options = { demo: false, appDir: null, log: () => undefined };

describe('core loader', () => {
  it('calls createCompanionCore with the start options', async () => {
    const core = new FakeCore();
    let got: unknown = null;
    const loaded = await loadCompanionCore(options, async () => ({
      createCompanionCore: (o: unknown) => {
        got = o;
        return core;
      },
    }));
    expect(loaded).toBe(core);
    expect(got).toEqual(options);
  });

  it('turns a missing module or export into core_missing with a hint', async () => {
    await expect(loadCompanionCore(options, async () => ({}))).rejects.toMatchObject({
      code: 'core_missing',
      hint: expect.stringContaining('npm run build'),
    });
    await expect(
      loadCompanionCore(options, async () => {
        throw new Error("Cannot find module '../core/companion'");
      }),
    ).rejects.toMatchObject({ code: 'core_missing', message: expect.stringContaining('Cannot find module') });
  });
});
