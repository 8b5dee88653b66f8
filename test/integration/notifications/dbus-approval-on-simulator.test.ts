// The whole Linux notification path with nothing faked but the notification daemon: an approval
// raised on the gateway simulator reaches the real core, core's policy raises a toast, the shell's
// presenter sends it over a private D-Bus session bus, the recording server presses "Approve", and
// the simulator receives exactly that decision.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCompanionCore, type Companion } from '../../../main/core/companion';
import { writeDemoBinaries } from '../../../main/core/companion/demo-binaries';
import { DbusNotifier } from '../../../main/shell/notifications/dbus-notifier';
import { NotificationPresenter } from '../../../main/shell/notifications/notification-presenter';
import { MemoryKeychain } from '../../support/memory-keychain';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { FakeNotifications } from '../../unit/shell/electron-fakes';
import { Notifyd, PrivateBus } from './private-bus';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('approval notification over D-Bus, decided on the simulator', () => {
  it('Approve on the toast decides the approval on the gateway without opening the window', async () => {
    const bus = await PrivateBus.start();
    cleanups.push(() => bus.stop());
    const notifyd = await Notifyd.start(bus);
    cleanups.push(() => notifyd.stop());

    const dir = mkdtempSync(join(tmpdir(), 'companion-notify-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const keychain = new MemoryKeychain();
    const ports = await freePalyraPorts();
    // The simulator through the same wrappers demo mode uses, but without demo mode's own
    // periodic approvals, so the only toast is about the approval this test raises.
    const core: Companion = await createCompanionCore({
      env: { ...process.env, ...writeDemoBinaries(join(dir, 'bin')) },
      stateRoot: dir,
      ports,
      keychain,
      healthIntervalMs: 250,
      approvalsPollMs: 200,
      log: () => undefined,
    });
    cleanups.push(() => core.shutdown());

    const opened: string[] = [];
    const presenter = new NotificationPresenter({
      platform: 'linux',
      core,
      electron: new FakeNotifications(),
      connectDbus: (onAction) =>
        DbusNotifier.connect({
          appName: 'Palyra Companion',
          env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
          onAction,
        }),
      openView: (view) => opened.push(view),
      log: () => undefined,
    });
    cleanups.push(() => presenter.dispose());
    core.onNativeNotification((request) => void presenter.show(request));

    await waitFor(() => core.snapshot().connection.state === 'connected', 'connected', 30_000);
    const gateway = `http://127.0.0.1:${ports.gatewayHttp}`;
    const auth = {
      authorization: `Bearer ${keychain.values.get('admin_token')}`,
      'content-type': 'application/json',
    };
    const raised = await fetch(`${gateway}/__sim/approvals`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Delete the build cache', risk_level: 'medium' }),
    });
    expect(raised.ok).toBe(true);

    const toast = await waitFor(
      () => notifyd.notifications().find((n) => n.summary?.includes('Delete the build cache')),
      'the approval toast on the bus',
      20_000,
    );
    expect(toast.actions).toEqual(expect.arrayContaining(['approve', 'deny']));
    const approval = core.snapshot().approvals.find((a) => a.title === 'Delete the build cache')!;

    notifyd.invoke(toast.id!, 'approve');

    const decisions = await waitFor(
      async () => {
        const res = await fetch(`${gateway}/__sim/decisions`, { headers: auth });
        const body = (await res.json()) as { decisions: { approval_id: string }[] };
        const mine = body.decisions.filter((d) => d.approval_id === approval.approvalId);
        return mine.length > 0 ? mine : null;
      },
      'the decision on the simulator',
      20_000,
    );
    expect(decisions).toEqual([
      expect.objectContaining({ approval_id: approval.approvalId, approved: true, decision_scope: 'once' }),
    ]);
    expect(opened).toEqual([]);
    await waitFor(
      () => !core.snapshot().approvals.some((a) => a.approvalId === approval.approvalId),
      'inbox cleared',
    );
  });
});
