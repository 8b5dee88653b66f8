import { describe, expect, it } from 'vitest';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../../main/contract/native';
import type { View } from '../../../main/contract/model';
import { CompanionError } from '../../../main/core/errors';
import {
  NotificationPresenter,
  type ActionNotifier,
} from '../../../main/shell/notifications/notification-presenter';
import { FakeNotifications } from './electron-fakes';
import { approvalRequest, FakeCore } from '../../fixtures/fake-core';

/** A Linux notifier double: records what it was asked to show (the real one is tested over D-Bus). */
class RecordingNotifier implements ActionNotifier {
  readonly shown: NativeNotificationRequest[] = [];
  disconnected = false;
  constructor(
    readonly supportsActions: boolean,
    readonly invoke: (request: NativeNotificationRequest, action: NativeNotificationAction) => void,
  ) {}
  async show(request: NativeNotificationRequest): Promise<number> {
    this.shown.push(request);
    return this.shown.length;
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

function setup(platform: NodeJS.Platform, linux: { actions: boolean } | 'no-bus' = { actions: true }) {
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
    connectDbus: async (onAction) => {
      connects++;
      if (linux === 'no-bus') {
        throw new CompanionError(
          'dbus_unavailable',
          'No D-Bus session bus.',
          'Start from a desktop session.',
        );
      }
      notifier = new RecordingNotifier(linux.actions, onAction);
      return notifier;
    },
    openView: (view, approvalId) => opened.push(approvalId ? { view, approvalId } : { view }),
    log: (m) => logs.push(m),
    now: () => clock,
  });
  return {
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

  it('Windows: toast with actions; Deny decides, a click on the toast opens the view', async () => {
    const t = setup('win32');
    await t.presenter.show(approvalRequest('ap-2'));
    const toast = t.electron.toasts[0]!;
    toast.clickAction(1);
    toast.emit('click');
    await new Promise((r) => setImmediate(r));
    expect(decided(t.core)).toEqual([{ approvalId: 'ap-2', approved: false, scope: 'once' }]);
    expect(t.opened).toEqual([{ view: 'approvals', approvalId: 'ap-2' }]);
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
