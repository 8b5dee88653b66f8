// The whole Linux notification path with nothing faked but the notification daemon: an approval
// raised on the gateway simulator reaches the real core, core's policy raises a toast, the shell's
// presenter sends it over a private D-Bus session bus, the recording server presses "Approve", and
// the simulator receives exactly that decision.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoCore } from '../../support/demo-core';
import { waitFor } from '../../support/wait-for';
import { linuxPresenter, Notifyd, PrivateBus } from './private-bus';

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

    // The simulator without demo mode's own periodic approvals, so the only toast is about the
    // approval this test raises.
    const demo = await startDemoCore({ simulatorOnly: true, tmpPrefix: 'companion-notify-' });
    cleanups.push(() => demo.stop());
    const { core } = demo;

    const opened: string[] = [];
    const presenter = linuxPresenter(bus, core, { openView: (view) => opened.push(view) });
    cleanups.push(() => presenter.dispose());
    core.onNativeNotification((request) => void presenter.show(request));

    await waitFor(() => core.snapshot().connection.state === 'connected', 'connected', 30_000);
    const raised = await demo.simulator('/__sim/approvals', {
      title: 'Delete the build cache',
      risk_level: 'medium',
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
        const res = await demo.simulator('/__sim/decisions');
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
