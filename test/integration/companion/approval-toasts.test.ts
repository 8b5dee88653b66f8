// Approval toasts from the real core against the simulator: an approval decided while its toast
// is still being grouped gets no toast, and the remaining one keeps its Approve/Deny actions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeNotificationRequest } from '../../../main/contract';
import { createCompanionCore, type Companion } from '../../../main/core/companion';
import { writeDemoBinaries } from '../../../main/core/companion/demo-binaries';
import { MemoryKeychain } from '../../support/memory-keychain';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let dir: string;
let core: Companion | null = null;
afterEach(async () => {
  await core?.shutdown();
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('approval toasts', () => {
  it('leaves out an approval decided during the grouping delay', async () => {
    dir = mkdtempSync(join(tmpdir(), 'companion-toasts-'));
    const keychain = new MemoryKeychain();
    const ports = await freePalyraPorts();
    // The simulator without demo mode's own approvals, so the test controls every approval.
    core = await createCompanionCore({
      env: { ...process.env, ...writeDemoBinaries(join(dir, 'bin')) },
      stateRoot: dir,
      ports,
      keychain,
      healthIntervalMs: 250,
      approvalsPollMs: 100,
      log: () => undefined,
    });
    const c = core;
    const toasts: NativeNotificationRequest[] = [];
    c.onNativeNotification((t) => toasts.push(t));
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);

    const raise = async (title: string): Promise<void> => {
      const res = await fetch(`http://127.0.0.1:${ports.gatewayHttp}/__sim/approvals`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${keychain.values.get('admin_token')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ title }),
      });
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
