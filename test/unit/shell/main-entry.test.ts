// main.ts is the one module that imports 'electron' and 'menubar' for real, so this test mocks
// both with the typed fakes and checks the start-up order, the command line, Squirrel's and the
// simulator's runs, and the failure paths.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { CompanionError } from '../../../main/core/errors';
import type { CoreStartOptions } from '../../../main/shell/core-loader';
import type { FakeApp, FakeIpcMain, FakeMenubar, FakeProtocol, FakeSession } from './electron-fakes';
import { FakeCore } from '../../fixtures/fake-core';

vi.mock('electron', async () => {
  const fakes = await import('./electron-fakes');
  const order: string[] = [];
  class MainApp extends fakes.FakeApp {
    readonly order = order;
    readonly paths = new Map<string, string>();
    appUserModelId: string | null = null;
    ready = false;
    async whenReady(): Promise<void> {
      order.push('ready');
      this.ready = true;
    }
    isReady(): boolean {
      return this.ready;
    }
    readonly isPackaged = true;
    getPath(name: string): string {
      return this.paths.get(name) ?? `/tmp/fake-${name}`; // exe -> /tmp/fake-exe, so appDir is /tmp
    }
    setPath(name: string, path: string): void {
      this.paths.set(name, path);
    }
    setAppUserModelId(id: string): void {
      this.appUserModelId = id;
    }
    override requestSingleInstanceLock(): boolean {
      order.push('lock');
      return super.requestSingleInstanceLock();
    }
  }
  class RecordingProtocol extends fakes.FakeProtocol {
    override registerSchemesAsPrivileged(
      schemes: Parameters<FakeProtocol['registerSchemesAsPrivileged']>[0],
    ) {
      order.push('register-scheme');
      super.registerSchemesAsPrivileged(schemes);
    }
    override handle(scheme: string, handler: Parameters<FakeProtocol['handle']>[1]): void {
      order.push('serve-scheme');
      super.handle(scheme, handler);
    }
  }
  class RecordingSession extends fakes.FakeSession {
    override setPermissionCheckHandler(handler: Parameters<FakeSession['setPermissionCheckHandler']>[0]) {
      order.push('permissions');
      super.setPermissionCheckHandler(handler);
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
    protocol: new RecordingProtocol(),
    session: { defaultSession: new RecordingSession() },
    shell: new fakes.FakeShell(),
  };
});

vi.mock('menubar', async () => {
  const fakes = await import('./electron-fakes');
  const electronMock = (await import('electron')) as unknown as { app: { order: string[] } };
  const created: { options: unknown; mb: InstanceType<typeof fakes.FakeMenubar> }[] = [];
  return {
    created,
    menubar: (options: unknown) => {
      electronMock.app.order.push('menubar');
      const mb = new fakes.FakeMenubar();
      created.push({ options, mb });
      return mb;
    },
  };
});

type MockedElectron = {
  app: FakeApp & { order: string[]; appUserModelId: string | null; paths: Map<string, string> };
  dialog: { errorBoxes: string[][] };
  protocol: FakeProtocol;
  ipcMain: FakeIpcMain;
  session: { defaultSession: FakeSession };
};
const mocked = electron as unknown as MockedElectron;

async function menubarCalls(): Promise<{ options: unknown; mb: FakeMenubar }[]> {
  const mod = (await import('menubar')) as unknown as { created: { options: unknown; mb: FakeMenubar }[] };
  return mod.created;
}

/** Runs main() with a recording core loader; returns what core was started with. */
async function start(argv: string[], defaultApp = false) {
  const { main } = await import('../../../main/shell/main');
  // Each start stands for a fresh process.
  mocked.app.order.length = 0;
  mocked.app.exitCode = null;
  mocked.ipcMain.handlers.clear();
  const core = new FakeCore();
  const signals = new EventEmitter();
  let coreOptions: CoreStartOptions | null = null;
  const companion = await main({
    argv,
    defaultApp,
    signals,
    loadCore: async (options) => {
      mocked.app.order.push('core');
      coreOptions = options;
      return core;
    },
  });
  return { companion, core, signals, coreOptions: coreOptions as CoreStartOptions | null };
}

const stderr: string[] = [];
vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
  stderr.push(String(chunk));
  return true;
});
afterEach(() => {
  stderr.length = 0;
});

describe('main entry', () => {
  it('registers the UI scheme before ready, serves it and locks permissions before the popover exists', async () => {
    const { companion, core, signals, coreOptions } = await start(['/opt/pc/palyra-companion', '--demo']);
    expect(companion).not.toBeNull();
    expect(mocked.app.order).toEqual([
      'register-scheme',
      'lock',
      'ready',
      'serve-scheme',
      'permissions',
      'core',
      'menubar',
    ]);
    expect(coreOptions).toMatchObject({ demo: true, appDir: '/tmp' });
    expect(mocked.protocol.privileged).toEqual([
      { scheme: 'palyra-companion', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(mocked.protocol.handlers.has('palyra-companion')).toBe(true);
    const [created] = (await menubarCalls()).slice(-1);
    expect(created!.options).toMatchObject({
      index: 'palyra-companion://ui/index.html',
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

  it("passes --state-root, --demo and the port options to core, packaged or run by Electron's default app", async () => {
    const packaged = await start([
      '/opt/pc/palyra-companion',
      '--enable-logging',
      '--state-root',
      '/srv/palyra',
      '--gateway-port=9142',
      '--browserd-grpc-port',
      '9543',
      '--demo',
      '--squirrel-firstrun',
      'data:,',
    ]);
    expect(packaged.coreOptions).toMatchObject({
      demo: true,
      stateRoot: '/srv/palyra',
      ports: { gatewayHttp: 9142, browserdGrpc: 9543 },
      demoRunner: [process.execPath, '--palyra-companion-simulator'],
    });
    const dev = await start(
      [
        '/repo/node_modules/electron/dist/electron',
        '--no-sandbox',
        '/repo/build/main/launch.js',
        '--gateway-port',
        '7000',
      ],
      true,
    );
    expect(dev.coreOptions).toMatchObject({ demo: false, ports: { gatewayHttp: 7000 } });
    expect(dev.coreOptions!.demoRunner).toEqual([
      process.execPath,
      '/repo/build/main/launch.js',
      '--palyra-companion-simulator',
    ]);
  });

  it('rejects a bad option with one message and exit code 2, before taking the lock or starting core', async () => {
    for (const argv of [
      ['/opt/pc/palyra-companion', '--gateway-port', 'abc'],
      ['/opt/pc/palyra-companion', '--state-rot', '/x'],
      ['/opt/pc/palyra-companion', '--state-root'],
    ]) {
      stderr.length = 0;
      const run = await start(argv);
      expect(run.companion).toBeNull();
      expect(mocked.app.exitCode, argv.join(' ')).toBe(2);
      expect(mocked.app.order).toEqual([]);
      expect(stderr.join('')).toMatch(/^error: .+\nhint: Run with --help to see the accepted options\.\n$/);
    }
  });

  it('prints the usage for --help and exits 0 without starting anything', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const run = await start(['/opt/pc/palyra-companion', '--help']);
      expect(run.companion).toBeNull();
      expect(String(stdout.mock.calls[0]?.[0])).toMatch(/^Usage: npm start -- \[options\]/);
    } finally {
      stdout.mockRestore();
    }
    expect(mocked.app.exitCode).toBe(0);
    expect(mocked.app.order).toEqual([]);
  });

  it('shows an actionable error and exits 1 when core cannot start', async () => {
    const { main } = await import('../../../main/shell/main');
    mocked.app.exitCode = null;
    const result = await main({
      argv: ['/opt/pc/palyra-companion'],
      loadCore: async () => {
        throw new CompanionError(
          'core_missing',
          'The companion core could not be loaded.',
          'Rebuild the app.',
        );
      },
    });
    expect(result).toBeNull();
    expect(mocked.dialog.errorBoxes.at(-1)).toEqual([
      'Palyra Companion could not start',
      'The companion core could not be loaded.\n\nRebuild the app.',
    ]);
    expect(mocked.app.exitCode).toBe(1);
  });

  it('does nothing but quit when another instance holds the lock', async () => {
    mocked.app.hasLock = false;
    const before = (await menubarCalls()).length;
    const run = await start(['/opt/pc/palyra-companion']);
    expect(run.companion).toBeNull();
    expect(mocked.app.order).toEqual(['register-scheme', 'lock']);
    expect((await menubarCalls()).length).toBe(before);
    mocked.app.hasLock = true;
  });

  it("answers Squirrel's install run by making the Start-menu shortcut and quitting, without starting anything", async () => {
    const { main } = await import('../../../main/shell/main');
    mocked.app.order.length = 0;
    const before = mocked.app.quitRequests;
    const ran: string[][] = [];
    let loaded = false;
    const result = await main({
      argv: ['C:\\pc\\app-0.1.0\\palyra-companion.exe', '--squirrel-install', '0.1.0'],
      execPath: 'C:\\pc\\app-0.1.0\\palyra-companion.exe',
      runUpdateExe: async (exe, args) => {
        ran.push([exe, ...args]);
      },
      loadCore: async () => {
        loaded = true;
        return new FakeCore();
      },
    });
    expect(result).toBeNull();
    expect(loaded).toBe(false);
    expect(mocked.app.order).toEqual([]);
    expect(mocked.app.quitRequests).toBe(before + 1);
    expect(ran).toEqual([['C:\\pc\\Update.exe', '--createShortcut=palyra-companion.exe']]);

    // Uninstall also takes the login item away, the one registered for the stable launcher.
    await main({
      argv: ['C:\\pc\\app-0.1.0\\palyra-companion.exe', '--squirrel-uninstall', '0.1.0'],
      execPath: 'C:\\pc\\app-0.1.0\\palyra-companion.exe',
      runUpdateExe: async (exe, args) => {
        ran.push([exe, ...args]);
      },
    });
    expect(ran.at(-1)).toEqual(['C:\\pc\\Update.exe', '--removeShortcut=palyra-companion.exe']);
    expect(mocked.app.loginItemSettings.at(-1)).toEqual({
      openAtLogin: false,
      path: 'C:\\pc\\Update.exe',
      args: ['--processStart', '"palyra-companion.exe"'],
    });
    expect(loaded).toBe(false);
  });

  it('on Windows uses the AppUserModelID of the shortcut Squirrel makes', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      await start(['C:\\pc\\app-0.1.0\\palyra-companion.exe']);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(mocked.app.appUserModelId).toBe('com.squirrel.palyra_companion.palyra-companion');
  });

  it("runs a demo simulator script in this process for the supervisor's wrapper, and nothing else", async () => {
    const { main } = await import('../../../main/shell/main');
    const { simulatorDirFrom } = await import('../../../main/shell/simulator-host');
    const { join } = await import('node:path');
    const script = join(simulatorDirFrom(join(__dirname, '../../../main/shell')), 'palyrad.js');
    const argv = process.argv;
    const loaded: string[] = [];
    let seenArgv: string[] = [];
    mocked.app.order.length = 0;
    try {
      const result = await main({
        argv: ['/opt/pc/palyra-companion', '--palyra-companion-simulator', script, '--port', '0'],
        loadScript: (path) => {
          loaded.push(path);
          seenArgv = process.argv.slice(2);
        },
        loadCore: async () => {
          throw new Error('core must not start');
        },
      });
      expect(result).toBeNull();
    } finally {
      process.argv = argv;
    }
    expect(loaded).toEqual([script]);
    expect(seenArgv).toEqual(['--port', '0']);
    expect(mocked.app.order).toEqual([]);
    expect(mocked.app.paths.get('sessionData')).toMatch(/palyra-companion-simulator-\d+$/);
    await expect(
      main({
        argv: ['/opt/pc/palyra-companion', '--palyra-companion-simulator', '/tmp/evil.js'],
        loadScript: () => undefined,
      }),
    ).rejects.toThrow(/only runs the bundled simulator/);
  });
});
