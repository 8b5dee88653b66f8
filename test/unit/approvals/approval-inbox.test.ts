import { describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../main/contract/model';
import { ApprovalInbox, type ApprovalDecision } from '../../../main/core/approvals/approval-inbox';
import { CompanionError } from '../../../main/core/errors';

function approval(id: string, over: Partial<ApprovalView> = {}): ApprovalView {
  return {
    approvalId: id,
    title: `Run tool for ${id}`,
    riskLevel: 'medium',
    summary: 'summary',
    subjectType: 'tool',
    subjectId: 'shell.exec',
    toolName: 'shell.exec',
    sessionId: 's1',
    runId: 'r1',
    principal: 'admin:test',
    requestedAtMs: 1000,
    expiresAtMs: null,
    policyExplanation: null,
    options: [],
    busy: false,
    error: null,
    ...over,
  };
}

const once: ApprovalDecision = { approved: true, scope: 'once' };

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ApprovalInbox', () => {
  it('raises exactly one added event per approval, even when it flickers out and back', () => {
    const inbox = new ApprovalInbox();
    const added: string[] = [];
    const removed: string[] = [];
    inbox.on('added', (a) => added.push(a.approvalId));
    inbox.on('removed', (r) => removed.push(`${r.approvalId}:${r.reason}`));
    inbox.refresh([approval('a'), approval('b')]);
    inbox.refresh([approval('a'), approval('b')]);
    inbox.refresh([approval('b')]);
    inbox.refresh([approval('a'), approval('b'), approval('c')]);
    expect(added).toEqual(['a', 'b', 'c']);
    expect(removed).toEqual(['a:resolved']);
    expect(inbox.pending().map((a) => a.approvalId)).toEqual(['a', 'b', 'c']);
  });

  it('sends an update only for a changed record, whether or not the view object is the one seen last', () => {
    const inbox = new ApprovalInbox();
    const patches: string[] = [];
    inbox.on('patch', (list) => patches.push(...list.map((p) => p.op)));
    const a = approval('a');
    inbox.refresh([a]);
    // The feed hands back the very same object while the record is unchanged …
    inbox.refresh([a]);
    // … or an equal copy (rebuilt from the gateway's reply): neither is a change.
    inbox.refresh([approval('a')]);
    inbox.refresh([approval('a', { title: 'new title' })]);
    expect(patches).toEqual(['add', 'update']);
    expect(inbox.get('a')!.title).toBe('new title');
    // Removed and back again (flicker): added again, not mistaken for the object seen before.
    inbox.refresh([]);
    inbox.refresh([a]);
    expect(patches).toEqual(['add', 'update', 'remove', 'add']);
    expect(inbox.get('a')!.title).toBe(a.title);
  });

  it('keeps the same pending array when a refresh changes nothing', () => {
    const inbox = new ApprovalInbox();
    inbox.refresh([approval('a'), approval('b')]);
    const first = inbox.pending();
    inbox.refresh([approval('a'), approval('b')]);
    expect(inbox.pending()).toBe(first);
    inbox.refresh([approval('a', { title: 'changed' }), approval('b')]);
    expect(inbox.pending()).not.toBe(first);
    expect(inbox.pending()[0]!.title).toBe('changed');
  });

  it('drops expired approvals from refreshes and on expireDue', () => {
    let now = 10_000;
    const inbox = new ApprovalInbox({ now: () => now });
    const removed: string[] = [];
    inbox.on('removed', (r) => removed.push(`${r.approvalId}:${r.reason}`));
    inbox.refresh([approval('old', { expiresAtMs: 9_000 }), approval('soon', { expiresAtMs: 12_000 })]);
    expect(inbox.pending().map((a) => a.approvalId)).toEqual(['soon']);
    expect(inbox.nextExpiryAtMs()).toBe(12_000);
    now = 12_000;
    expect(inbox.expireDue()).toEqual(['soon']);
    expect(inbox.pending()).toEqual([]);
    expect(removed).toEqual(['soon:expired']);
  });

  it('decide is idempotent: one send while in flight, a no-op after success', async () => {
    const inbox = new ApprovalInbox();
    inbox.refresh([approval('a')]);
    const gate = deferred();
    let sends = 0;
    const send = async () => {
      sends += 1;
      await gate.promise;
    };
    const p1 = inbox.decide('a', once, send);
    const p2 = inbox.decide('a', once, send);
    expect(p2).toBe(p1);
    expect(inbox.get('a')!.busy).toBe(true);
    // A refresh racing the decision does not drop the busy approval.
    inbox.refresh([]);
    expect(inbox.get('a')).toBeDefined();
    gate.resolve();
    await p1;
    expect(sends).toBe(1);
    expect(inbox.get('a')).toBeUndefined();
    await inbox.decide('a', once, send);
    expect(sends).toBe(1);
    // A stale refresh still listing it does not bring it back.
    inbox.refresh([approval('a')]);
    expect(inbox.pending()).toEqual([]);
  });

  it('a failed decision keeps the approval with its error and allows a retry', async () => {
    const inbox = new ApprovalInbox();
    inbox.refresh([approval('a')]);
    const failing = async () => {
      throw new CompanionError(
        'gateway_unreachable',
        'The gateway did not answer.',
        'Check that palyrad is running.',
      );
    };
    await expect(inbox.decide('a', once, failing)).rejects.toMatchObject({ code: 'gateway_unreachable' });
    expect(inbox.get('a')).toMatchObject({
      busy: false,
      error: { code: 'gateway_unreachable', message: 'The gateway did not answer.' },
    });
    await inbox.decide('a', once, async () => undefined);
    expect(inbox.get('a')).toBeUndefined();
  });

  it('rejects a decision for an unknown approval with an actionable error', async () => {
    const inbox = new ApprovalInbox();
    await expect(inbox.decide('nope', once, async () => undefined)).rejects.toMatchObject({
      code: 'approval_not_found',
    });
  });

  it('handles 1,000+ approvals per refresh cheaply', () => {
    const inbox = new ApprovalInbox();
    const list = Array.from({ length: 2000 }, (_, i) =>
      approval(`ap-${i}`, {
        requestedAtMs: i,
        options: [
          {
            optionId: 'o',
            label: 'Approve',
            scope: 'once',
            approved: true,
            ttlMs: null,
            defaultSelected: true,
          },
        ],
      }),
    );
    let added = 0;
    inbox.on('added', () => (added += 1));
    inbox.refresh(list);
    const again = list.map((a) => ({ ...a, options: a.options.map((o) => ({ ...o })) }));
    const start = performance.now();
    for (let i = 0; i < 20; i += 1) inbox.refresh(again);
    const perRefreshMs = (performance.now() - start) / 20;
    expect(added).toBe(2000);
    expect(inbox.pending()).toHaveLength(2000);
    // Generous bound for a loaded CI box; the bench reports the real figure.
    expect(perRefreshMs).toBeLessThan(50);
  });
});
