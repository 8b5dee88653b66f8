// End-to-end against the real Electron app (build/main/shell/main.js with --demo). Runs only where
// Electron's binary exists; wdio.electron.conf.ts reports SKIPPED otherwise.
import { browser, expect } from '@wdio/globals';
import type {} from 'wdio-electron-service';

// Mocha's globals, declared locally so they do not leak into the rest of the typecheck.
declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => Promise<void>) => void;

describe('Palyra Companion (Electron)', () => {
  it('loads the tray UI from our file:// page into the popover', async () => {
    const url = await browser.getUrl();
    expect(url.startsWith('file://')).toBe(true);
    expect(url).toContain('/build/tray-ui/index.html');
  });

  it('opens the popover at 380×560', async () => {
    const bounds = await browser.electron.execute((electron) =>
      electron.BrowserWindow.getAllWindows()[0]?.getBounds(),
    );
    expect(bounds?.width).toBe(380);
    expect(bounds?.height).toBe(560);
  });

  it('exposes only window.palyra {call, on} to the page, and no Node', async () => {
    const seen = await browser.execute(() => {
      const w = window as unknown as Record<string, unknown>;
      const palyra = w.palyra as Record<string, unknown> | undefined;
      return {
        keys: palyra ? Object.keys(palyra).sort() : null,
        require: typeof w.require,
        process: typeof w.process,
      };
    });
    expect(seen).toEqual({ keys: ['call', 'on'], require: 'undefined', process: 'undefined' });
  });

  it('answers calls over IPC with a typed reply', async () => {
    const reply = await browser.execute(async () => {
      const palyra = (
        window as unknown as { palyra: { call(n: string, p: unknown): Promise<{ ok: boolean }> } }
      ).palyra;
      const good = await palyra.call('snapshot.get', {});
      const bad = await palyra.call('no.such.call', {});
      return { good: good.ok, bad };
    });
    expect(reply.good).toBe(true);
    expect(reply.bad).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('denies window.open and keeps the page when asked to navigate away', async () => {
    const before = await browser.getUrl();
    const opened = await browser.execute(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await browser.execute(() => {
      window.location.href = 'https://example.com/';
    });
    await browser.pause(500);
    expect(await browser.getUrl()).toBe(before);
  });
});
