// End-to-end against the real Electron app (build/main/launch.js with --demo). Runs only where
// Electron's binary exists; wdio.electron.conf.ts reports SKIPPED otherwise.
import { browser, expect } from '@wdio/globals';
import type {} from 'wdio-electron-service';

describe('Palyra Companion (Electron)', () => {
  it('loads the tray UI from the palyra-companion:// scheme into the popover', async () => {
    const url = await browser.getUrl();
    expect(url.startsWith('palyra-companion://ui/index.html')).toBe(true);
  });

  it("enforces the header CSP: the page cannot reach Palyra's loopback ports", async () => {
    const violation = await browser.execute(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
            once: true,
          });
          try {
            new WebSocket('ws://127.0.0.1:7142/');
          } catch {
            resolve('connect-src (thrown)');
          }
          setTimeout(() => resolve('none'), 3000);
        }),
    );
    expect(violation).toMatch(/^connect-src/);
  });

  it('may write to the clipboard (Copy in Logs) but gets no other permission', async () => {
    const outcome = await browser.execute(async () => {
      window.focus();
      const copy = await navigator.clipboard.writeText('palyra').then(
        () => 'granted',
        (e: Error) => e.name,
      );
      const notifications = await navigator.permissions.query({ name: 'notifications' }).then((p) => p.state);
      return { copy, notifications };
    });
    expect(outcome).toEqual({ copy: 'granted', notifications: 'denied' });
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
