// Approval toasts from the real core against the simulator: an approval decided while its toast
// is still being grouped gets no toast, and the remaining one keeps its Approve/Deny actions.
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeNotificationRequest } from '../../../main/contract';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { waitFor } from '../../support/wait-for';

let demo: DemoCore | null = null;
afterEach(async () => {
  await demo?.stop();
  demo = null;
});

describe('approval toasts', () => {
  it('leaves out an approval decided during the grouping delay', async () => {
    // The simulator without demo mode's own approvals, so the test controls every approval.
    demo = await startDemoCore({ simulatorOnly: true, core: { approvalsPollMs: 100 } });
    const c = demo.core;
    const sim = demo;
    const toasts: NativeNotificationRequest[] = [];
    c.onNativeNotification((t) => toasts.push(t));
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);

    const raise = async (title: string): Promise<void> => {
      const res = await sim.simulator('/__sim/approvals', { title });
      expect(res.ok).toBe(true);
    };
    await raise('Decided at once');
    const first = await waitFor(
      () => c.snapshot().approvals.find((a) => a.title === 'Decided at once'),
      'first',
    );
    await c.handlers['approval.decide']({ approvalId: first.approvalId, approved: false, scope: 'once' });
    await raise('Still waiting');
    const second = await waitFor(
      () => c.snapshot().approvals.find((a) => a.title === 'Still waiting'),
      'second',
    );

    // Both arrived in one burst; only the one still pending is toasted, with its actions.
    const toast = await waitFor(() => toasts[0], 'the approval toast', 15_000);
    expect(toast).toMatchObject({ kind: 'approval', approvalId: second.approvalId });
    expect(toast.actions.map((a) => a.id)).toEqual(['approve', 'deny']);
    expect(toasts.some((t) => t.approvalId === first.approvalId || t.kind === 'approval-group')).toBe(false);
  });
});
