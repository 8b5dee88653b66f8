import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot, ServiceSnapshot } from '../../../main/contract/model';
import { applyPatch } from '../../../main/contract/events';
import { initialSnapshot } from '../../../main/core/snapshot/initial-snapshot';
import { deriveOverallStatus } from '../../../main/core/snapshot/overall-status';
import { SnapshotStore } from '../../../main/core/snapshot/snapshot-store';
import { ApprovalInbox } from '../../../main/core/approvals/approval-inbox';

function service(name: string, over: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  return {
    name,
    kind: name === 'gateway' ? 'gateway' : 'browserd',
    displayName: name,
    desired: true,
    state: 'running',
    health: 'healthy',
    pid: 1,
    startedAtMs: 0,
    version: null,
    restartAttempt: 0,
    nextRestartAtMs: null,
    lastExit: null,
    ports: [],
    adopted: false,
    binaryPath: null,
    error: null,
    healthHistory: [],
    ...over,
  };
}
const connected: ConnectionSnapshot = {
  state: 'connected',
  lastConnectedAtMs: 1,
  nextRetryAtMs: null,
  error: null,
};
const offline: ConnectionSnapshot = { ...connected, state: 'offline' };

const base = () =>
  initialSnapshot({ stateRoot: '/s', defaultStateRoot: '/s', dashboardUrl: 'http://127.0.0.1:1/' });

describe('deriveOverallStatus', () => {
  it('covers stopped, healthy, degraded, down and crash-looping', () => {
    expect(deriveOverallStatus([], connected)).toBe('stopped');
    expect(deriveOverallStatus([service('gateway', { desired: false, state: 'stopped' })], offline)).toBe(
      'stopped',
    );
    expect(deriveOverallStatus([service('gateway'), service('browserd')], connected)).toBe('healthy');
    expect(
      deriveOverallStatus([service('gateway'), service('browserd', { health: 'unhealthy' })], connected),
    ).toBe('degraded');
    expect(deriveOverallStatus([service('gateway', { state: 'starting' })], connected)).toBe('starting');
    expect(deriveOverallStatus([service('gateway')], { ...connected, state: 'reconnecting' })).toBe(
      'degraded',
    );
    expect(deriveOverallStatus([service('gateway', { state: 'backoff' })], offline)).toBe('down');
    expect(deriveOverallStatus([service('gateway')], offline)).toBe('down');
    expect(
      deriveOverallStatus([service('gateway'), service('browserd', { state: 'crash-looping' })], connected),
    ).toBe('crash-looping');
  });
});

describe('SnapshotStore', () => {
  it('bumps the revision, keeps unchanged keys by identity and ignores no-op updates', () => {
    const store = new SnapshotStore(base(), { coalesceMs: 0 });
    const before = store.get();
    expect(store.update({ warnings: before.warnings })).toBe(false);
    expect(store.get()).toBe(before);
    const warnings = ['disk almost full'];
    expect(store.update({ warnings })).toBe(true);
    const after = store.get();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.warnings).toBe(warnings);
    expect(after.approvals).toBe(before.approvals);
    expect(after.services).toBe(before.services);
    store.dispose();
  });

  it('coalesces a burst into one patch with only the changed keys, which applies cleanly', async () => {
    const store = new SnapshotStore(base(), { coalesceMs: 0 });
    const uiCopy = store.get();
    const patches: import('../../../main/contract/model').SnapshotPatch[] = [];
    store.onPatch((p) => patches.push(p));
    store.update({ services: [service('gateway')] });
    store.update({ connection: connected });
    store.update({ warnings: ['w'] });
    await Promise.resolve();
    expect(patches).toHaveLength(1);
    const patch = patches[0]!;
    expect(Object.keys(patch).sort()).toEqual(
      ['connection', 'generatedAtMs', 'overall', 'revision', 'services', 'warnings'].sort(),
    );
    expect(patch.overall).toBe('healthy');
    expect(patch.revision).toBe(store.get().revision);
    expect(applyPatch(uiCopy, patch)).toEqual(store.get());
    expect(applyPatch(store.get(), patch)).toBe(store.get()); // stale patches are ignored
  });

  it('with a time window, emits one patch per window', async () => {
    const store = new SnapshotStore(base(), { coalesceMs: 20 });
    let count = 0;
    store.onPatch(() => (count += 1));
    for (let i = 0; i < 100; i += 1) store.update({ warnings: [`w${i}`] });
    const deadline = Date.now() + 5000;
    while (count === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(count).toBe(1);
    expect(store.flush()).toBeNull();
    store.dispose();
  });

  it('updates with 1,000 pending approvals stay well under a millisecond', () => {
    const store = new SnapshotStore(base(), { coalesceMs: 0 });
    const inbox = new ApprovalInbox();
    inbox.refresh(
      Array.from({ length: 1000 }, (_, i) => ({
        approvalId: `a${i}`,
        title: 't',
        riskLevel: 'low' as const,
        summary: '',
        subjectType: 'tool',
        subjectId: 'x',
        toolName: null,
        sessionId: null,
        runId: null,
        principal: null,
        requestedAtMs: i,
        expiresAtMs: null,
        policyExplanation: null,
        options: [],
        busy: false,
        error: null,
      })),
    );
    const approvals = inbox.pending() as import('../../../main/contract/model').ApprovalView[];
    store.update({ approvals });
    const runs = 2000;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) {
      store.update({ warnings: [`w${i}`], approvals });
      store.flush();
    }
    const perUpdate = (performance.now() - start) / runs;
    expect(store.get().approvals).toBe(approvals);
    // Generous for a loaded box; typical is a few microseconds.
    expect(perUpdate).toBeLessThan(1);
  });
});
