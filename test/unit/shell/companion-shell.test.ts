import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../../main/contract/native';
import { shellPathsFrom } from '../../../main/shell/app-paths';
import { CompanionShell } from '../../../main/shell/companion-shell';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../main/shell/ipc-bridge';
import type { ActionNotifier } from '../../../main/shell/notifications/notification-presenter';
import { loginItemFor } from '../../../main/shell/login-item';
import { claimSingleInstance } from '../../../main/shell/single-instance';
import {
  FakeApp,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenubar,
  fakeMenus,
  FakeNotifications,
  FakeShell,
} from './electron-fakes';
import { approvalRequest, FakeCore, makeApproval, makeSnapshot } from '../../fixtures/fake-core';
import { waitForAssertion } from '../../support/wait-for';

const paths = {
  ...shellPathsFrom('/opt/palyra/build/main/shell'),
  assetsDir: join(__dirname, '../../../assets'),
};

function setup(platform: NodeJS.Platform = 'linux') {
  const core = new FakeCore();
  const mb = new FakeMenubar();
  const ipc = new FakeIpcMain();
  const shell = new FakeShell();
  const shortcuts = new FakeGlobalShortcut();
  const app = new FakeApp();
  const toasts = new FakeNotifications();
  const logs: string[] = [];
  let dbusAction: ((request: NativeNotificationRequest, action: NativeNotificationAction) => void) | null =
    null;
  const dbusShown: NativeNotificationRequest[] = [];
  const companion = new CompanionShell({
    platform,
    paths,
    core,
    menubar: mb,
    menus: fakeMenus,
    ipcMain: ipc,
    shell,
    globalShortcut: shortcuts,
    app,
    loginItem: loginItemFor({ platform: 'darwin', app, env: {}, execPath: '/opt/pc', appPathArg: null }),
    notifications: toasts,
    connectDbus: async (onAction): Promise<ActionNotifier> => {
      dbusAction = onAction;
      return {
        supportsActions: true,
        show: async (r) => dbusShown.push(r),
        disconnect: () => undefined,
      };
    },
    shutdownTimeoutMs: 5_000,
    // The tests' words are English whatever the machine's locale.
    systemLanguage: () => 'en',
    log: (m) => logs.push(m),
  });
  mb.ready();
  const navigations = () =>
    mb
      .window!.webContents.sent.filter((m) => m.channel === EVENT_CHANNEL && m.args[0] === 'navigate')
      .map((m) => m.args[1]);
  return {
    core,
    mb,
    ipc,
    shell,
    shortcuts,
    app,
    toasts,
    logs,
    companion,
    navigations,
    dbusShown,
    dbusAction: () => dbusAction,
  };
}

describe('companion shell', () => {
  it('follows core: tray, hotkey and login item from the snapshot and its patches', async () => {
    const t = setup('linux');
    await waitForAssertion(() => expect(t.mb.tray.tooltip).toContain('Status: Healthy'));
    expect(t.shortcuts.registered.has('CommandOrControl+Shift+Space')).toBe(true);
    expect(t.core.hotkeyReports.at(-1)).toMatchObject({ registered: true, error: null });
    expect(t.app.loginItemSettings).toEqual([{ openAtLogin: false }]);

    t.core.patch({ overall: 'crash-looping', approvals: [makeApproval('a1')] });
    expect(t.mb.tray.image).toMatch(/tray-crash\.png$/);
    expect(t.mb.tray.tooltip).toContain('1 pending approval');
    t.core.patch({
      preferences: { ...t.core.snapshot.preferences, startAtLogin: true, globalHotkey: 'Alt+P' },
    });
    expect(t.app.loginItemSettings.at(-1)).toEqual({ openAtLogin: true });
    expect([...t.shortcuts.registered.keys()]).toEqual(['Alt+P']);
  });

  it('says the tray menu and tooltip in the language chosen in Settings', async () => {
    const t = setup('linux');
    await waitForAssertion(() => expect(t.mb.tray.tooltip).toContain('Status: Healthy'));
    t.core.patch({ preferences: { ...t.core.snapshot.preferences, language: 'cs' } });
    expect(t.mb.tray.tooltip).toContain('Stav: V pořádku');
    expect(t.mb.tray.contextMenu!.labels()).toEqual([
      'Otevřít',
      'Restartovat vše',
      'Otevřít dashboard',
      'Ukončit',
    ]);
    t.mb.tray.contextMenu!.click('open');
    await waitForAssertion(() => expect(t.mb.visible).toBe(true));
  });

  it('reports a hotkey conflict to core so Settings can show it', async () => {
    const t = setup();
    await waitForAssertion(() => expect(t.core.hotkeyReports).toHaveLength(1));
    t.shortcuts.taken.add('Alt+Q');
    t.core.patch({ preferences: { ...t.core.snapshot.preferences, globalHotkey: 'Alt+Q' } });
    expect(t.core.hotkeyReports.at(-1)).toMatchObject({ accelerator: 'Alt+Q', registered: false });
    expect(t.core.hotkeyReports.at(-1)!.error).toMatch(/already used/);
  });

  it('the hotkey opens the popover straight into quick chat', async () => {
    const t = setup();
    await waitForAssertion(() => expect(t.shortcuts.registered.size).toBe(1));
    t.shortcuts.press('CommandOrControl+Shift+Space');
    await waitForAssertion(() => expect(t.navigations()).toEqual([{ view: 'chat' }]));
    expect(t.mb.visible).toBe(true);
  });

  it('serves popover calls over IPC and forwards core events to it', async () => {
    const t = setup();
    const ours = { id: t.mb.window!.webContents.id, frameUrl: paths.indexUrl };
    const reply = await t.ipc.invoke(ours, CALL_CHANNEL, 'snapshot.get', {});
    expect(reply).toMatchObject({ ok: true, value: { revision: 1 } });
    t.core.emit('log.lines', []);
    expect(t.mb.window!.webContents.sent.at(-1)).toEqual({ channel: EVENT_CHANNEL, args: ['log.lines', []] });
  });

  it('tray menu: Open shows the popover, Restart all and Open dashboard go through core', async () => {
    const t = setup('linux');
    const menu = t.mb.tray.contextMenu!;
    menu.click('open');
    await waitForAssertion(() => expect(t.mb.visible).toBe(true));
    t.core.results['services.restartAll'] = { ok: true, message: 'ok' };
    menu.click('restart-all');
    const url = 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=t1';
    t.core.results['dashboard.open'] = { url, expiresAtMs: null };
    menu.click('dashboard');
    await waitForAssertion(() => expect(t.shell.opened).toEqual([url]));
    expect(t.core.calls.map((c) => c.name)).toEqual(
      expect.arrayContaining(['services.restartAll', 'dashboard.open']),
    );
  });

  it('a failed dashboard hand-off opens the health view instead of a browser', async () => {
    const t = setup('linux');
    t.core.results['dashboard.open'] = new Error('local runtime is not healthy yet');
    t.mb.tray.contextMenu!.click('dashboard');
    await waitForAssertion(() => expect(t.navigations()).toEqual([{ view: 'health' }]));
    expect(t.shell.opened).toEqual([]);
    expect(t.logs.join('\n')).toMatch(/open dashboard failed: local runtime/);
  });

  it('renders core notifications; Approve decides the approval without opening the window', async () => {
    const t = setup('linux');
    t.core.results['approval.decide'] = { ok: true, message: 'approved' };
    t.core.raise(approvalRequest('ap-1'));
    await waitForAssertion(() => expect(t.dbusShown).toHaveLength(1));
    t.dbusAction()!(t.dbusShown[0]!, 'approve');
    await waitForAssertion(() =>
      expect(t.core.calls.find((c) => c.name === 'approval.decide')?.params).toEqual({
        approvalId: 'ap-1',
        approved: true,
        scope: 'once',
      }),
    );
    expect(t.mb.visible).toBe(false);
    t.dbusAction()!(t.dbusShown[0]!, 'open');
    await waitForAssertion(() =>
      expect(t.navigations()).toEqual([{ view: 'approvals', approvalId: 'ap-1' }]),
    );
  });

  it('tray Quit waits for core.shutdown() before exiting and releases the hotkey and IPC handler', async () => {
    const t = setup('linux');
    await waitForAssertion(() => expect(t.shortcuts.registered.size).toBe(1));
    let finish!: () => void;
    t.core.shutdownGate = new Promise<void>((resolve) => (finish = resolve));
    t.mb.tray.contextMenu!.click('quit');
    await waitForAssertion(() => expect(t.core.shutdownCalls).toBe(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(t.app.exitCode).toBeNull();
    expect(t.app.quitted).toBe(false);
    finish();
    await waitForAssertion(() => expect(t.app.exitCode).toBe(0));
    expect(t.shortcuts.registered.size).toBe(0);
    expect(t.ipc.handlers.size).toBe(0);
    expect(t.core.subscriberCount).toBe(0);
  });

  it('closing the popover window keeps the app and its sidecars running; only Quit quits', async () => {
    const t = setup('linux');
    await waitForAssertion(() => expect(t.mb.tray.contextMenu).not.toBeNull());
    t.app.closeAllWindows();
    await new Promise((r) => setTimeout(r, 30));
    expect(t.app.quitRequests).toBe(0);
    expect(t.core.shutdownCalls).toBe(0);
    expect(t.app.exitCode).toBeNull();
    t.mb.tray.contextMenu!.click('quit');
    await waitForAssertion(() => expect(t.app.exitCode).toBe(0));
    expect(t.core.shutdownCalls).toBe(1);
  });

  it('a second launch focuses the running popover', async () => {
    const t = setup();
    claimSingleInstance(t.app, () => t.companion.focus());
    t.app.emit('second-instance');
    await waitForAssertion(() => expect(t.mb.visible).toBe(true));
    expect(t.mb.window!.focused).toBeGreaterThan(0);
  });

  it('keeps the first snapshot it gets, whichever arrives first', async () => {
    const t = setup();
    t.core.emit('snapshot', makeSnapshot({ revision: 7, overall: 'degraded' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(t.mb.tray.tooltip).toContain('Status: Degraded');
  });
});
