import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { HotkeyStatus } from '../../../main/contract/model';
import { DEFAULT_HOTKEY, GlobalHotkey } from '../../../main/shell/global-hotkey';
import { LoginItemSync } from '../../../main/shell/login-item';
import { QuitCoordinator } from '../../../main/shell/quit-coordinator';
import { claimSingleInstance } from '../../../main/shell/single-instance';
import { FakeApp, FakeGlobalShortcut } from './electron-fakes';
import {} from '../../fixtures/fake-core';
import { waitForAssertion } from '../../support/wait-for';

describe('global hotkey', () => {
  const setup = () => {
    const shortcuts = new FakeGlobalShortcut();
    const reports: HotkeyStatus[] = [];
    let presses = 0;
    const hotkey = new GlobalHotkey(
      shortcuts,
      () => presses++,
      (s) => reports.push(s),
    );
    return { shortcuts, reports, hotkey, presses: () => presses };
  };

  it('registers the preferred accelerator and calls back when pressed', () => {
    const t = setup();
    const status = t.hotkey.apply({
      globalHotkey: 'CommandOrControl+Shift+Space',
      globalHotkeyEnabled: true,
    });
    expect(status).toEqual({ accelerator: DEFAULT_HOTKEY, enabled: true, registered: true, error: null });
    t.shortcuts.press(DEFAULT_HOTKEY);
    expect(t.presses()).toBe(1);
    expect(t.reports).toEqual([status]);
  });

  it('reports a conflict (register returns false) and a malformed accelerator (register throws)', () => {
    const t = setup();
    t.shortcuts.taken.add('Alt+Space');
    const conflict = t.hotkey.apply({ globalHotkey: 'Alt+Space', globalHotkeyEnabled: true });
    expect(conflict.registered).toBe(false);
    expect(conflict.error).toMatch(/Alt\+Space is already used by another application/);
    t.shortcuts.invalid.add('Hyper+Nope');
    const invalid = t.hotkey.apply({ globalHotkey: 'Hyper+Nope', globalHotkeyEnabled: true });
    expect(invalid.registered).toBe(false);
    expect(invalid.error).toMatch(/could not be registered: Error processing argument/);
    expect(t.reports.map((r) => r.error !== null)).toEqual([true, true]);
  });

  it('re-registers when preferences change, not when they stay the same, and unregisters when disabled', () => {
    const t = setup();
    t.hotkey.apply({ globalHotkey: 'Alt+K', globalHotkeyEnabled: true });
    t.hotkey.apply({ globalHotkey: 'Alt+K', globalHotkeyEnabled: true });
    expect(t.reports).toHaveLength(1);
    t.hotkey.apply({ globalHotkey: 'Alt+J', globalHotkeyEnabled: true });
    expect([...t.shortcuts.registered.keys()]).toEqual(['Alt+J']);
    const off = t.hotkey.apply({ globalHotkey: 'Alt+J', globalHotkeyEnabled: false });
    expect(off).toEqual({ accelerator: 'Alt+J', enabled: false, registered: false, error: null });
    expect(t.shortcuts.registered.size).toBe(0);
    t.hotkey.apply({ globalHotkey: '   ', globalHotkeyEnabled: true });
    expect([...t.shortcuts.registered.keys()]).toEqual([DEFAULT_HOTKEY]);
    t.hotkey.release();
    expect(t.shortcuts.registered.size).toBe(0);
  });
});

describe('login item', () => {
  it('follows startAtLogin and only calls the OS on a change', () => {
    const app = new FakeApp();
    const sync = new LoginItemSync(app);
    sync.apply(false);
    sync.apply(true);
    sync.apply(true);
    sync.apply(false);
    expect(app.loginItemSettings).toEqual([
      { openAtLogin: false },
      { openAtLogin: true },
      { openAtLogin: false },
    ]);
  });
});

describe('single instance', () => {
  it('a second launch quits at once and the first one is told to come forward', () => {
    const first = new FakeApp();
    let focused = 0;
    expect(claimSingleInstance(first, () => focused++)).toBe(true);
    const second = new FakeApp();
    second.hasLock = false;
    expect(claimSingleInstance(second, () => focused++)).toBe(false);
    expect(second.quitted).toBe(true);
    // Electron delivers the second launch to the first instance as `second-instance`.
    first.emit('second-instance');
    expect(focused).toBe(1);
    expect(first.quitted).toBe(false);
  });
});

describe('quit', () => {
  it('holds the quit until shutdown has finished, then exits 0 — once, however often quit is asked', async () => {
    const app = new FakeApp();
    let finish!: () => void;
    let shutdowns = 0;
    const quitter = new QuitCoordinator({
      app,
      log: () => undefined,
      shutdown: () => {
        shutdowns++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    quitter.quit();
    quitter.quit();
    expect(app.quitted).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(app.exitCode).toBeNull();
    expect(shutdowns).toBe(1);
    finish();
    await waitForAssertion(() => expect(app.exitCode).toBe(0));
  });

  it('SIGTERM and SIGINT quit through the same orderly shutdown', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const app = new FakeApp();
      let shutdowns = 0;
      const quitter = new QuitCoordinator({
        app,
        log: () => undefined,
        shutdown: async () => void shutdowns++,
      });
      const signals = new EventEmitter();
      quitter.quitOnSignals(signals);
      signals.emit(signal);
      await waitForAssertion(() => expect(app.exitCode).toBe(0));
      expect(shutdowns).toBe(1);
    }
  });

  it('exits 1 after the timeout when shutdown hangs, and when it fails', async () => {
    const logs: string[] = [];
    const hung = new FakeApp();
    new QuitCoordinator({
      app: hung,
      log: (m) => logs.push(m),
      timeoutMs: 50,
      shutdown: () => new Promise(() => undefined),
    });
    hung.quit();
    await waitForAssertion(() => expect(hung.exitCode).toBe(1));
    expect(logs[0]).toMatch(/did not finish within 50 ms/);

    const broken = new FakeApp();
    new QuitCoordinator({
      app: broken,
      log: (m) => logs.push(m),
      shutdown: async () => Promise.reject(new Error('boom')),
    });
    broken.quit();
    await waitForAssertion(() => expect(broken.exitCode).toBe(1));
    expect(logs[1]).toMatch(/shutdown failed: boom/);
  });
});
