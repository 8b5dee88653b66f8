import { describe, expect, it } from 'vitest';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../../main/contract/native';
import type { View } from '../../../main/contract/model';
import { CompanionError } from '../../../main/core/errors';
import {
  NotificationPresenter,
  type ActionNotifier,
} from '../../../main/shell/notifications/notification-presenter';
import { snoreToastPath } from '../../../main/shell/notifications/windows-toaster-factory';
import { FakeNotifications, FakeWindowsToaster } from './electron-fakes';
import { approvalRequest, FakeCore } from '../../fixtures/fake-core';

/** A Linux notifier double: records what it was asked to show (the real one is tested over D-Bus). */
class RecordingNotifier implements ActionNotifier {
  readonly shown: NativeNotificationRequest[] = [];
  disconnected = false;
  /** Set to make show() fail as a dead connection does. */
  failWith: Error | null = null;
  constructor(
    readonly supportsActions: boolean,
    readonly invoke: (request: NativeNotificationRequest, action: NativeNotificationAction) => void,
    readonly lose: (err: unknown) => void = () => undefined,
  ) {}
  async show(request: NativeNotificationRequest): Promise<number> {
    if (this.failWith) throw this.failWith;
    this.shown.push(request);
    return this.shown.length;
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

function setup(platform: NodeJS.Platform, linux: { actions: boolean } | 'no-bus' = { actions: true }) {
  const bus = { up: linux !== 'no-bus' };
  const toaster = new FakeWindowsToaster();
  const core = new FakeCore();
  core.results['approval.decide'] = { ok: true, message: 'decided' };
  const electron = new FakeNotifications();
  const opened: { view: View; approvalId?: string }[] = [];
  const logs: string[] = [];
  let clock = 0;
  let connects = 0;
  let notifier: RecordingNotifier | null = null;
  const presenter = new NotificationPresenter({
    platform,
    core,
    electron,
    connectDbus: async (onAction, onLost) => {
      connects++;
      if (linux === 'no-bus' || !bus.up) {
        throw new CompanionError(
          'dbus_unavailable',
          'No D-Bus session bus.',
          'Start from a desktop session.',
        );
      }
      notifier = new RecordingNotifier(linux.actions, onAction, onLost);
      return notifier;
    },
    windowsToaster: toaster,
    openView: (view, approvalId) => opened.push(approvalId ? { view, approvalId } : { view }),
    log: (m) => logs.push(m),
    now: () => clock,
  });
  return {
    bus,
    toaster,
    core,
    electron,
    opened,
    logs,
    presenter,
    advance: (ms: number) => (clock += ms),
    connects: () => connects,
    notifier: () => notifier,
  };
}

const decided = (core: FakeCore) =>
  core.calls.filter((c) => c.name === 'approval.decide').map((c) => c.params);

describe('notification routing', () => {
  it('macOS: Electron toast with Approve/Deny buttons; Approve decides once without opening the window', async () => {
    const t = setup('darwin');
    expect(await t.presenter.show(approvalRequest('ap-1'))).toBe('electron');
    const toast = t.electron.toasts[0]!;
    expect(toast.shown).toBe(true);
    expect(toast.options.actions).toEqual([
      { type: 'button', text: 'Approve' },
      { type: 'button', text: 'Deny' },
    ]);
    toast.clickAction(0);
    await new Promise((r) => setImmediate(r));
    expect(decided(t.core)).toEqual([{ approvalId: 'ap-1', approved: true, scope: 'once' }]);
    expect(t.opened).toEqual([]);
    expect(t.connects()).toBe(0);
  });

  it("Windows: approvals go through node-notifier's toaster with Approve/Deny (Electron's actions are macOS-only)", async () => {
    const t = setup('win32');
    expect(await t.presenter.show(approvalRequest('ap-2'))).toBe('windows-toaster');
    expect(t.electron.toasts).toEqual([]);
    const [first] = t.toaster.notified;
    expect(first!.notification).toMatchObject({
      title: 'Approval needed',
      message: 'shell.exec wants to run (ap-2)',
      actions: ['Approve', 'Deny'],
      appID: 'com.squirrel.palyra_companion.palyra-companion',
    });
    t.toaster.answer(first!.notification.id!, 'deny');
    await new Promise((r) => setImmediate(r));
    expect(decided(t.core)).toEqual([{ approvalId: 'ap-2', approved: false, scope: 'once' }]);
    expect(t.opened).toEqual([]);

    // A newer toast for the same key closes the old one; a click on the toast opens the view.
    await t.presenter.show(approvalRequest('ap-3'));
    await t.presenter.show(approvalRequest('ap-3b', 'approval:ap-3'));
    const closes = t.toaster.notified.filter((n) => n.notification.close !== undefined);
    expect(closes.map((n) => n.notification.close)).toEqual([t.toaster.notified[1]!.notification.id]);
    t.toaster.answer(t.toaster.notified.at(-1)!.notification.id!, 'activate');
    t.toaster.answer(t.toaster.notified[1]!.notification.id!, 'dismissed');
    expect(t.opened).toEqual([{ view: 'approvals', approvalId: 'ap-3b' }]);
  });

  it('Windows: a toast without buttons (a crash) stays an Electron notification', async () => {
    const t = setup('win32');
    const crash: NativeNotificationRequest = {
      key: 'crash:gateway',
      kind: 'crash',
      title: 'palyrad crashed',
      body: 'exit 1',
      actions: [{ id: 'open', label: 'Open' }],
      urgency: 'critical',
      view: 'health',
    };
    expect(await t.presenter.show(crash)).toBe('electron');
    expect(t.electron.toasts[0]!.options.actions).toEqual([]);
    expect(t.toaster.notified).toEqual([]);
  });

  it('replaces a toast that has the same key', async () => {
    const t = setup('darwin');
    await t.presenter.show(approvalRequest('ap-1', 'group'));
    await t.presenter.show(approvalRequest('ap-2', 'group'));
    expect(t.electron.toasts[0]!.closed).toBe(true);
    expect(t.electron.toasts[1]!.shown).toBe(true);
  });

  it('Linux with an actions-capable server: goes over D-Bus, and its actions decide', async () => {
    const t = setup('linux', { actions: true });
    expect(await t.presenter.show(approvalRequest('ap-3'))).toBe('dbus');
    expect(t.electron.toasts).toEqual([]);
    const notifier = t.notifier()!;
    expect(notifier.shown.map((r) => r.approvalId)).toEqual(['ap-3']);
    notifier.invoke(notifier.shown[0]!, 'approve');
    notifier.invoke(notifier.shown[0]!, 'open');
    await new Promise((r) => setImmediate(r));
    expect(decided(t.core)).toEqual([{ approvalId: 'ap-3', approved: true, scope: 'once' }]);
    expect(t.opened).toEqual([{ view: 'approvals', approvalId: 'ap-3' }]);
    await t.presenter.show(approvalRequest('ap-4'));
    expect(t.connects()).toBe(1);
    t.presenter.dispose();
    expect(notifier.disconnected).toBe(true);
  });

  it('Linux server without actions: falls back to a click-to-open Electron toast without buttons', async () => {
    const t = setup('linux', { actions: false });
    expect(await t.presenter.show(approvalRequest('ap-5'))).toBe('electron');
    const toast = t.electron.toasts[0]!;
    expect(toast.options.actions).toEqual([]);
    toast.emit('click');
    expect(t.opened).toEqual([{ view: 'approvals', approvalId: 'ap-5' }]);
    expect(t.logs.join('\n')).toMatch(/no action buttons/);
  });

  it('Linux without a session bus: falls back, and retries the bus only after a while', async () => {
    const t = setup('linux', 'no-bus');
    expect(await t.presenter.show(approvalRequest('ap-6'))).toBe('electron');
    expect(await t.presenter.show(approvalRequest('ap-7'))).toBe('electron');
    expect(t.connects()).toBe(1);
    expect(t.logs.join('\n')).toMatch(/D-Bus notifications unavailable.*No D-Bus session bus/);
    t.advance(61_000);
    await t.presenter.show(approvalRequest('ap-8'));
    expect(t.connects()).toBe(2);
  });

  it('Linux: a call on a dead connection reconnects at once and the toast still goes over D-Bus', async () => {
    const t = setup('linux');
    await t.presenter.show(approvalRequest('ap-10'));
    const dead = t.notifier()!;
    dead.failWith = new Error('Tried to write a message to a closed stream');
    expect(await t.presenter.show(approvalRequest('ap-11'))).toBe('dbus');
    expect(t.connects()).toBe(2);
    expect(dead.disconnected).toBe(true);
    expect(t.notifier()!.shown.map((r) => r.approvalId)).toEqual(['ap-11']);
  });

  it('Linux: a lost bus falls back to Electron while it is down, and D-Bus is used again once it is back', async () => {
    const t = setup('linux');
    await t.presenter.show(approvalRequest('ap-12'));
    const first = t.notifier()!;
    t.bus.up = false;
    first.lose(new Error('connection reset'));
    expect(first.disconnected).toBe(true);
    expect(await t.presenter.show(approvalRequest('ap-13'))).toBe('electron');
    expect(t.logs.join('\n')).toMatch(/D-Bus connection lost: connection reset/);
    t.bus.up = true;
    t.advance(16_000);
    expect(await t.presenter.show(approvalRequest('ap-14'))).toBe('dbus');
    expect(t.notifier()).not.toBe(first);
  });

  it('a failed decision opens the inbox so the error is visible', async () => {
    const t = setup('darwin');
    t.core.results['approval.decide'] = new CompanionError(
      'gateway_unreachable',
      'Gateway down.',
      'Start it.',
    );
    await t.presenter.handleAction(approvalRequest('ap-9'), 'approve');
    expect(t.opened).toEqual([{ view: 'approvals', approvalId: 'ap-9' }]);
  });

  it('a crash notification click opens its view; unsupported notifications are logged, not thrown', async () => {
    const t = setup('darwin');
    const crash: NativeNotificationRequest = {
      key: 'crash:gateway',
      kind: 'crash',
      title: 'Gateway crashed',
      body: 'exit code 101',
      actions: [{ id: 'open', label: 'Open' }],
      urgency: 'normal',
      view: 'health',
    };
    await t.presenter.show(crash);
    expect(t.electron.toasts[0]!.options.actions).toEqual([]);
    t.electron.toasts[0]!.emit('click');
    expect(t.opened).toEqual([{ view: 'health' }]);
    t.electron.supported = false;
    expect(await t.presenter.show(crash)).toBe('none');
    expect(t.logs.at(-1)).toMatch(/not supported/);
  });
});

describe('SnoreToast location', () => {
  it('points at the unpacked copy next to app.asar, for the machine architecture', () => {
    const dir = '/app/resources/app.asar/node_modules/node-notifier';
    expect(snoreToastPath(dir, 'x64')).toBe(
      '/app/resources/app.asar.unpacked/node_modules/node-notifier/vendor/snoreToast/snoretoast-x64.exe',
    );
    expect(snoreToastPath('/repo/node_modules/node-notifier', 'ia32')).toBe(
      '/repo/node_modules/node-notifier/vendor/snoreToast/snoretoast-x86.exe',
    );
  });
});
