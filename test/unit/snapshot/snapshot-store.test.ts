import { describe, expect, it } from 'vitest';
import type {
  ApprovalView,
  ConnectionSnapshot,
  ServiceSnapshot,
  SnapshotPatch,
} from '../../../main/contract/model';
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
    inbox.on('patch', (patches) => store.patchApprovals(patches));
    inbox.refresh(Array.from({ length: 1000 }, (_, i) => approvalView(`a${i}`, i)));
    const approvals = store.get().approvals;
    expect(approvals).toHaveLength(1000);
    const runs = 2000;
    const start = performance.now();
    for (let i = 0; i < runs; i += 1) {
      store.update({ warnings: [`w${i}`] });
      store.flush();
    }
    const perUpdate = (performance.now() - start) / runs;
    expect(store.get().approvals).toBe(approvals);
    // Generous for a loaded box; typical is a few microseconds.
    expect(perUpdate).toBeLessThan(1);
  });
});

function approvalView(approvalId: string, requestedAtMs: number, title = 't'): ApprovalView {
  return {
    approvalId,
    title,
    riskLevel: 'low',
    summary: '',
    subjectType: 'tool',
    subjectId: 'x',
    toolName: null,
    sessionId: null,
    runId: null,
    principal: null,
    requestedAtMs,
    expiresAtMs: null,
    policyExplanation: null,
    options: [],
    busy: false,
    error: null,
  };
}

describe('SnapshotStore approval patches', () => {
  function wired(count: number): { store: SnapshotStore; inbox: ApprovalInbox; patches: SnapshotPatch[] } {
    const store = new SnapshotStore(base(), { coalesceMs: 0 });
    const inbox = new ApprovalInbox();
    inbox.on('patch', (p) => store.patchApprovals(p));
    inbox.refresh(Array.from({ length: count }, (_, i) => approvalView(`a${String(i).padStart(5, '0')}`, i)));
    store.flush();
    const patches: SnapshotPatch[] = [];
    store.onPatch((p) => patches.push(p));
    return { store, inbox, patches };
  }

  it('one approval resolved among 10,000 sends one remove by id, never the list', () => {
    const { store, inbox, patches } = wired(10_000);
    const ui = structuredClone(store.get());
    const list = inbox.pending().filter((a) => a.approvalId !== 'a05000');
    inbox.refresh(list);
    store.flush();
    expect(patches).toHaveLength(1);
    expect(patches[0]!.approvalPatches).toEqual([{ op: 'remove', approvalId: 'a05000' }]);
    expect('approvals' in patches[0]!).toBe(false);
    expect(JSON.stringify(patches[0]).length).toBeLessThan(4096);
    const applied = applyPatch(ui, patches[0]!);
    expect(applied.approvals).toHaveLength(9_999);
    expect(applied).toEqual(store.get());
  });

  it('adds, updates and removes land in order; a UI copy patched along stays equal', () => {
    const { store, inbox, patches } = wired(3);
    let ui = structuredClone(store.get());
    inbox.refresh([approvalView('a00000', 0, 'renamed'), approvalView('a00002', 2), approvalView('new', 1)]);
    store.flush();
    expect(patches[0]!.approvalPatches).toEqual([
      { op: 'update', approval: expect.objectContaining({ approvalId: 'a00000', title: 'renamed' }) },
      { op: 'add', approval: expect.objectContaining({ approvalId: 'new' }) },
      { op: 'remove', approvalId: 'a00001' },
    ]);
    ui = applyPatch(ui, patches[0]!);
    expect(ui.approvals.map((a) => a.approvalId)).toEqual(['a00000', 'new', 'a00002']);
    expect(ui).toEqual(store.get());
  });

  it('coalesces per approval inside one window: add then remove sends nothing, remove then add is an update', () => {
    const { store, patches } = wired(1);
    store.patchApprovals([{ op: 'add', approval: approvalView('x', 5) }]);
    store.patchApprovals([{ op: 'remove', approvalId: 'x' }]);
    store.patchApprovals([{ op: 'remove', approvalId: 'a00000' }]);
    store.patchApprovals([{ op: 'add', approval: approvalView('a00000', 0, 'back') }]);
    store.flush();
    expect(patches[0]!.approvalPatches).toEqual([
      { op: 'update', approval: expect.objectContaining({ approvalId: 'a00000', title: 'back' }) },
    ]);
    expect(store.get().approvals.map((a) => a.title)).toEqual(['back']);
  });

  it('a long unread backlog is folded into the list (bounded memory) and stays correct', () => {
    const { store } = wired(0);
    for (let i = 0; i < 5_000; i += 1) {
      store.patchApprovals([{ op: 'add', approval: approvalView(`k${i}`, i) }]);
      if (i % 2 === 1) store.patchApprovals([{ op: 'remove', approvalId: `k${i - 1}` }]);
    }
    const ids = store.get().approvals.map((a) => a.approvalId);
    expect(ids).toHaveLength(2_500);
    expect(ids[0]).toBe('k1');
    expect(ids.at(-1)).toBe('k4999');
  });
});
