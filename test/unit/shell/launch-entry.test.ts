// `electron build/main/launch.js` (and the packaged app, whose package.json main is launch.js)
// must start the tray shell: launch.ts hands over to startShell() whenever it runs in Electron.
import { afterAll, describe, expect, it, vi } from 'vitest';

const startShell = vi.fn();
vi.mock('../../../main/shell/main', () => ({ startShell }));

describe('launch.js inside Electron', () => {
  Object.defineProperty(process.versions, 'electron', { value: '40.10.2', configurable: true });
  afterAll(() => {
    delete (process.versions as Record<string, string | undefined>).electron;
  });

  it('starts the shell', async () => {
    await import('../../../main/launch');
    await vi.waitFor(() => expect(startShell).toHaveBeenCalledTimes(1));
  });
});
