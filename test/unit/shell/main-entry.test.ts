// main.ts is the one module that imports 'electron' and 'menubar' for real, so this test mocks
// both with the typed fakes and checks the start-up order and the failure path.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CompanionError } from '../../../main/core/errors';
import type { FakeApp, FakeMenubar, FakeSession } from './electron-fakes';
import { FakeCore } from '../../fixtures/fake-core';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  class MainApp extends fakes.FakeApp {
    readonly order: string[] = [];
    async whenReady(): Promise<void> {
      this.order.push('ready');
    }
    readonly isPackaged = true;
    getPath(name: string): string {
      return `/tmp/fake-${name}`; // exe -> /tmp/fake-exe, so appDir is /tmp
    }
  }
  const errorBoxes: string[][] = [];
  return {
    app: new MainApp(),
    dialog: {
      showErrorBox: (title: string, content: string) => errorBoxes.push([title, content]),
      errorBoxes,
    },
    globalShortcut: new fakes.FakeGlobalShortcut(),
    ipcMain: new fakes.FakeIpcMain(),
    Menu: fakes.fakeMenus,
    Notification: class extends fakes.FakeToast {
      static isSupported(): boolean {
        return true;
      }
    },
    session: { defaultSession: new fakes.FakeSession() },
    shell: new fakes.FakeShell(),
  };
});

vi.mock('menubar', async () => {
  const fakes = await import('./electron-fakes');
  const created: { options: unknown; mb: InstanceType<typeof fakes.FakeMenubar> }[] = [];
  return {
    created,
    menubar: (options: unknown) => {
      const mb = new fakes.FakeMenubar();
      created.push({ options, mb });
      return mb;
    },
  };
});

type MockedElectron = {
  app: FakeApp & { order: string[] };
  dialog: { errorBoxes: string[][] };
  session: { defaultSession: FakeSession };
};
const mocked = electron as unknown as MockedElectron;

async function menubarCalls(): Promise<{ options: unknown; mb: FakeMenubar }[]> {
  const mod = (await import('menubar')) as unknown as { created: { options: unknown; mb: FakeMenubar }[] };
  return mod.created;
}

describe('main entry', () => {
  it('starts core, locks the session before any window, and builds the popover with the shell', async () => {
    const { main } = await import('../../../main/shell/main');
    const core = new FakeCore();
    let startOptions: unknown = null;
    const signals = new EventEmitter();
    const companion = await main(
      ['electron', '.', '--demo'],
      async (options) => {
        startOptions = options;
        return core;
      },
      signals,
    );
    expect(companion).not.toBeNull();
    expect(startOptions).toMatchObject({ demo: true, appDir: '/tmp' });
    expect(mocked.session.defaultSession.headersListener).not.toBeNull();
    const [created] = await menubarCalls();
    expect(created!.options).toMatchObject({
      index: expect.stringMatching(/^file:\/\/.*\/build\/tray-ui\/index\.html$/),
      browserWindow: { width: 380, height: 560, webPreferences: { sandbox: true, contextIsolation: true } },
    });

    // A second launch brings this instance's popover forward.
    created!.mb.ready();
    mocked.app.emit('second-instance');
    await vi.waitFor(() => expect(created!.mb.visible).toBe(true));

    // SIGTERM quits, and quitting waits for core.
    signals.emit('SIGTERM');
    await vi.waitFor(() => expect(mocked.app.exitCode).toBe(0));
    expect(core.shutdownCalls).toBe(1);
  });

  it('shows an actionable error and exits 1 when core cannot start', async () => {
    const { main } = await import('../../../main/shell/main');
    mocked.app.exitCode = null;
    const result = await main(['electron', '.'], async () => {
      throw new CompanionError('core_missing', 'The companion core could not be loaded.', 'Rebuild the app.');
    });
    expect(result).toBeNull();
    expect(mocked.dialog.errorBoxes.at(-1)).toEqual([
      'Palyra Companion could not start',
      'The companion core could not be loaded.\n\nRebuild the app.',
    ]);
    expect(mocked.app.exitCode).toBe(1);
  });

  it('does nothing but quit when another instance holds the lock', async () => {
    const { main } = await import('../../../main/shell/main');
    mocked.app.hasLock = false;
    const before = (await menubarCalls()).length;
    let loaded = false;
    expect(
      await main(['electron', '.'], async () => {
        loaded = true;
        return new FakeCore();
      }),
    ).toBeNull();
    expect(loaded).toBe(false);
    expect((await menubarCalls()).length).toBe(before);
    mocked.app.hasLock = true;
  });
});
