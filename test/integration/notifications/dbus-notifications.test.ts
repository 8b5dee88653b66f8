// The Linux notification path for real: DbusNotifier and NotificationPresenter talking to a
// recording org.freedesktop.Notifications server on a private session bus.
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../../main/contract/native';
import { DbusNotifier } from '../../../main/shell/notifications/dbus-notifier';
import type { NotificationPresenter } from '../../../main/shell/notifications/notification-presenter';
import { FakeNotifications } from '../../unit/shell/electron-fakes';
import { approvalRequest, FakeCore } from '../../fixtures/fake-core';
import { linuxPresenter, Notifyd, PrivateBus, waitUntil } from './private-bus';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(capabilities?: string): Promise<{ bus: PrivateBus; notifyd: Notifyd }> {
  const bus = await PrivateBus.start();
  cleanups.push(() => bus.stop());
  const notifyd = await Notifyd.start(bus, capabilities);
  cleanups.push(() => notifyd.stop());
  return { bus, notifyd };
}

function approvingPresenter(bus: PrivateBus): { presenter: NotificationPresenter; core: FakeCore } {
  const core = new FakeCore();
  core.results['approval.decide'] = { ok: true, message: 'approved' };
  const presenter = linuxPresenter(bus, core);
  cleanups.push(() => presenter.dispose());
  return { presenter, core };
}

/** The approval's toast reaches `server` over D-Bus, and Approve pressed there decides it. */
async function expectDeliveredAndAnswered(
  presenter: NotificationPresenter,
  server: Notifyd,
  core: FakeCore,
  approvalId: string,
): Promise<void> {
  expect(await presenter.show(approvalRequest(approvalId))).toBe('dbus');
  await waitUntil(
    () => server.notifications().length === 1,
    10_000,
    () => JSON.stringify(server.events),
  );
  expect(server.notifications()[0]).toMatchObject({ body: `shell.exec wants to run (${approvalId})` });
  server.invoke(server.notifications()[0]!.id!, 'approve');
  await waitUntil(
    () => core.calls.some((c) => c.name === 'approval.decide'),
    10_000,
    () => 'the action from the new server did not arrive',
  );
  expect(core.calls.filter((c) => c.name === 'approval.decide').map((c) => c.params)).toEqual([
    { approvalId, approved: true, scope: 'once' },
  ]);
}

describe('D-Bus notifications (private bus, recording server)', () => {
  it('sends Notify with Approve/Deny actions, urgency and no timeout; replaces by key', async () => {
    const { bus, notifyd } = await startServer();
    const notifier = await DbusNotifier.connect({
      appName: 'Palyra Companion',
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
      onAction: () => undefined,
    });
    cleanups.push(() => notifier.disconnect());
    expect(notifier.supportsActions).toBe(true);

    const first = await notifier.show(approvalRequest('ap-1', 'approvals'));
    const second = await notifier.show({ ...approvalRequest('ap-2', 'approvals'), body: 'two pending' });
    await waitUntil(
      () => notifyd.notifications().length === 2,
      10_000,
      () => JSON.stringify(notifyd.events),
    );
    const [a, b] = notifyd.notifications();
    expect(a).toMatchObject({
      appName: 'Palyra Companion',
      replacesId: 0,
      summary: 'Approval needed',
      body: 'shell.exec wants to run (ap-1)',
      actions: ['default', 'Open', 'approve', 'Approve', 'deny', 'Deny'],
      hints: { urgency: 2, category: 'im.received' },
      timeout: 0,
    });
    expect(b).toMatchObject({ replacesId: first, body: 'two pending' });
    expect(second).toBe(first);
  });

  it('an Approve pressed on the toast decides the approval (scope once) without opening the window', async () => {
    const { bus, notifyd } = await startServer();
    const core = new FakeCore();
    core.results['approval.decide'] = { ok: true, message: 'approved' };
    const opened: string[] = [];
    const presenter = linuxPresenter(bus, core, { openView: (view) => opened.push(view) });
    cleanups.push(() => presenter.dispose());

    expect(await presenter.show(approvalRequest('ap-7'))).toBe('dbus');
    await waitUntil(
      () => notifyd.notifications().length === 1,
      10_000,
      () => JSON.stringify(notifyd.events),
    );
    notifyd.invoke(notifyd.notifications()[0]!.id!, 'approve');
    await waitUntil(
      () => core.calls.some((c) => c.name === 'approval.decide'),
      10_000,
      () => 'approval.decide was not called',
    );
    expect(core.calls.filter((c) => c.name === 'approval.decide').map((c) => c.params)).toEqual([
      { approvalId: 'ap-7', approved: true, scope: 'once' },
    ]);
    expect(opened).toEqual([]);

    // A click on the body of the next one opens the inbox at that approval.
    await presenter.show(approvalRequest('ap-8'));
    await waitUntil(
      () => notifyd.notifications().length === 2,
      10_000,
      () => JSON.stringify(notifyd.events),
    );
    notifyd.invoke(notifyd.notifications()[1]!.id!, 'default');
    await waitUntil(
      () => opened.length === 1,
      10_000,
      () => 'the click did not open the popover',
    );
    expect(opened).toEqual(['approvals']);
  });

  it('survives a restarted session bus: the next notification arrives on the new bus and its actions work', async () => {
    const { bus, notifyd } = await startServer();
    const { presenter, core } = approvingPresenter(bus);
    expect(await presenter.show(approvalRequest('ap-20'))).toBe('dbus');
    await bus.restart();
    const restarted = await Notifyd.start(bus);
    cleanups.push(() => restarted.stop());
    await expectDeliveredAndAnswered(presenter, restarted, core, 'ap-21');
    expect(notifyd.notifications()).toHaveLength(1);
  });

  it('keeps working when the notification server restarts on the same bus', async () => {
    const { bus, notifyd } = await startServer();
    const { presenter, core } = approvingPresenter(bus);
    expect(await presenter.show(approvalRequest('ap-30'))).toBe('dbus');
    await notifyd.stop();
    const restarted = await Notifyd.start(bus);
    cleanups.push(() => restarted.stop());
    await expectDeliveredAndAnswered(presenter, restarted, core, 'ap-31');
  });

  it('ignores actions on notifications it did not send', async () => {
    const { bus, notifyd } = await startServer();
    const actions: [NativeNotificationRequest, NativeNotificationAction][] = [];
    const notifier = await DbusNotifier.connect({
      appName: 'Palyra Companion',
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
      onAction: (r, a) => actions.push([r, a]),
    });
    cleanups.push(() => notifier.disconnect());
    const id = await notifier.show(approvalRequest('ap-1'));
    notifyd.invoke(id + 100, 'approve');
    notifyd.invoke(id, 'deny');
    await waitUntil(
      () => actions.length === 1,
      10_000,
      () => 'no action arrived',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(actions.map(([r, a]) => [r.approvalId, a])).toEqual([['ap-1', 'deny']]);
  });

  it('falls back to a click-to-open toast when the server has no actions capability', async () => {
    const { bus, notifyd } = await startServer('body');
    const toasts = new FakeNotifications();
    const presenter = linuxPresenter(bus, new FakeCore(), { electron: toasts });
    cleanups.push(() => presenter.dispose());
    expect(await presenter.show(approvalRequest('ap-1'))).toBe('electron');
    expect(toasts.toasts).toHaveLength(1);
    expect(notifyd.notifications()).toEqual([]);
  });

  it('gives actionable errors without a bus, with a dead bus address, and without a server', async () => {
    const noop = (): void => undefined;
    await expect(DbusNotifier.connect({ appName: 'x', env: {}, onAction: noop })).rejects.toMatchObject({
      code: 'dbus_unavailable',
      hint: expect.stringContaining('DBUS_SESSION_BUS_ADDRESS'),
    });
    await expect(
      DbusNotifier.connect({
        appName: 'x',
        env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/companion-test-bus' },
        onAction: noop,
      }),
    ).rejects.toMatchObject({ code: 'notification_server_unavailable' });

    const bus = await PrivateBus.start();
    cleanups.push(() => bus.stop());
    await expect(
      DbusNotifier.connect({ appName: 'x', env: { DBUS_SESSION_BUS_ADDRESS: bus.address }, onAction: noop }),
    ).rejects.toMatchObject({
      code: 'notification_server_unavailable',
      hint: expect.stringContaining('daemon'),
    });
  });
});
