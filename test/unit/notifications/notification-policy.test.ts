import { describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../main/contract/model';
import { NotificationPolicy } from '../../../main/core/notifications/notification-policy';

function approval(id: string, riskLevel: ApprovalView['riskLevel'] = 'medium'): ApprovalView {
  return {
    approvalId: id,
    title: `Title ${id}`,
    riskLevel,
    summary: 'Wants to run a shell command',
    subjectType: 'tool',
    subjectId: 'shell.exec',
    toolName: 'shell.exec',
    sessionId: null,
    runId: null,
    principal: null,
    requestedAtMs: 0,
    expiresAtMs: null,
    policyExplanation: null,
    options: [],
    busy: false,
    error: null,
  };
}

function setup(enabled = true) {
  const clock = { now: 1_000_000 };
  let on = enabled;
  const policy = new NotificationPolicy({ now: () => clock.now, enabled: () => on });
  return { clock, policy, setEnabled: (v: boolean) => (on = v) };
}

describe('NotificationPolicy', () => {
  it('leaves out approvals decided during the grouping delay', () => {
    const clock = { now: 1_000_000 };
    const pending = new Set(['a', 'b']);
    const policy = new NotificationPolicy({
      now: () => clock.now,
      enabled: () => true,
      stillPending: (id) => pending.has(id),
    });
    policy.handle({ type: 'approval.added', approval: approval('a') });
    policy.handle({ type: 'approval.added', approval: approval('b') });
    pending.delete('a');
    clock.now += 1_500;
    const toasts = policy.drainDue();
    // One approval left: the single toast with Approve/Deny, not a group that mentions a decided one.
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ kind: 'approval', approvalId: 'b' });

    policy.handle({ type: 'approval.added', approval: approval('c') });
    clock.now += 1_500;
    pending.clear();
    expect(policy.drainDue()).toEqual([]);
  });

  it('a single approval becomes one toast with Approve/Deny after the quiet period', () => {
    const { clock, policy } = setup();
    expect(policy.handle({ type: 'approval.added', approval: approval('a', 'high') })).toEqual([]);
    expect(policy.nextDueAtMs()).toBe(clock.now + 1_500);
    clock.now += 1_499;
    expect(policy.drainDue()).toEqual([]);
    clock.now += 1;
    const [toast, ...rest] = policy.drainDue();
    expect(rest).toEqual([]);
    expect(toast).toMatchObject({
      key: 'approvals',
      kind: 'approval',
      approvalId: 'a',
      urgency: 'critical',
      view: 'approvals',
    });
    expect(toast!.actions.map((a) => a.id)).toEqual(['approve', 'deny']);
    expect(policy.nextDueAtMs()).toBeNull();
  });

  it('a burst of 50 approvals is one grouped toast, raised by the max wait even if the burst goes on', () => {
    const { clock, policy } = setup();
    const raised = [];
    for (let i = 0; i < 50; i += 1) {
      raised.push(...policy.handle({ type: 'approval.added', approval: approval(`a${i}`) }));
      clock.now += 50;
    }
    expect(raised).toEqual([]);
    clock.now = policy.nextDueAtMs()!;
    raised.push(...policy.drainDue());
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      key: 'approvals',
      kind: 'approval-group',
      title: '50 approvals waiting',
    });
    expect(raised[0]!.body).toContain('and 47 more');
    expect(raised[0]!.actions.map((a) => a.id)).toEqual(['open']);

    // A never-ending trickle is still reported within the max wait, under the same key.
    const start = clock.now;
    const trickle = [];
    for (let i = 0; i < 200; i += 1) {
      clock.now += 1_000;
      trickle.push(...policy.handle({ type: 'approval.added', approval: approval(`t${i}`) }));
    }
    expect(trickle.length).toBeGreaterThan(0);
    expect(trickle.length).toBeLessThanOrEqual(Math.ceil((clock.now - start) / 5_000));
    expect(new Set(trickle.map((t) => t.key))).toEqual(new Set(['approvals']));
  });

  it('de-duplicates crashes per service within the window', () => {
    const { clock, policy } = setup();
    const crash = (service: string) =>
      policy.handle({
        type: 'service.crashed',
        service,
        displayName: service,
        detail: 'Exited with code 1.',
      });
    expect(crash('gateway')).toHaveLength(1);
    expect(crash('gateway')).toEqual([]);
    expect(crash('browserd')).toHaveLength(1);
    clock.now += 60_000;
    expect(crash('gateway')[0]).toMatchObject({ key: 'crash:gateway', kind: 'crash', view: 'health' });
    const loop = policy.handle({
      type: 'service.crash-looping',
      service: 'gateway',
      displayName: 'Gateway',
      detail: '5 crashes in 2 minutes.',
    });
    expect(loop[0]).toMatchObject({ kind: 'crash-loop', urgency: 'critical' });
    expect(policy.handle({ type: 'gateway.online' })[0]).toMatchObject({ key: 'online', kind: 'online' });
    expect(policy.handle({ type: 'gateway.online' })).toEqual([]);
  });

  it('raises nothing while desktop notifications are disabled, including a pending burst', () => {
    const { clock, policy, setEnabled } = setup();
    policy.handle({ type: 'approval.added', approval: approval('a') });
    setEnabled(false);
    clock.now += 10_000;
    expect(policy.drainDue()).toEqual([]);
    expect(policy.handle({ type: 'approval.added', approval: approval('b') })).toEqual([]);
    expect(policy.handle({ type: 'service.crashed', service: 'g', displayName: 'G', detail: 'x' })).toEqual(
      [],
    );
    expect(policy.nextDueAtMs()).toBeNull();
  });
});

describe('approval toast text', () => {
  it('carries a one-line summary of the input first, then tool, risk and time limit', () => {
    const { clock, policy } = setup();
    policy.handle({
      type: 'approval.added',
      approval: {
        ...approval('x', 'high'),
        inputSummary: 'command: "rm" · args: ["-rf","build"]',
        expiresAtMs: 120_000,
      },
    });
    clock.now += 10_000;
    const [toast] = policy.drainDue();
    expect(toast!.body.split('\n')).toEqual([
      'command: "rm" · args: ["-rf","build"]',
      'shell.exec · high risk · decide within 2 min',
    ]);
  });

  it('falls back to the daemon summary when there is no input', () => {
    const { clock, policy } = setup();
    policy.handle({ type: 'approval.added', approval: approval('y') });
    clock.now += 10_000;
    expect(policy.drainDue()[0]!.body.split('\n')[0]).toBe('Wants to run a shell command');
  });
});

describe('toasts in the operator’s language', () => {
  it('says crashes and approvals in Czech when the preference is Czech, with Czech plurals', () => {
    let language: 'system' | 'en' | 'cs' = 'cs';
    const clock = { now: 1_000_000 };
    const policy = new NotificationPolicy({
      now: () => clock.now,
      enabled: () => true,
      language: () => language,
    });
    const [crash] = policy.handle({
      type: 'service.crashed',
      service: 'gateway',
      displayName: 'Gateway',
      detail: 'Gateway exited with code 3',
      exitCode: 3,
    });
    expect(crash).toMatchObject({
      title: 'Gateway spadl',
      body: 'Gateway skončil s kódem 3 Companion ho spouští znovu.',
      actions: [{ id: 'open', label: 'Zobrazit stav' }],
    });
    for (const id of ['a', 'b', 'c']) policy.handle({ type: 'approval.added', approval: approval(id) });
    clock.now += 10_000;
    const [group] = policy.drainDue();
    expect(group?.title).toBe('Na schválení čekají 3 požadavky');
    policy.handle({ type: 'approval.added', approval: approval('d', 'high') });
    clock.now += 10_000;
    const [single] = policy.drainDue();
    expect(single?.title).toBe('Čeká na schválení: Title d');
    expect(single?.body).toContain('vysoké riziko');
    expect(single?.actions.map((a) => a.label)).toEqual(['Schválit jednou', 'Zamítnout']);
    language = 'en';
    policy.handle({ type: 'approval.added', approval: approval('e') });
    clock.now += 10_000;
    expect(policy.drainDue()[0]?.title).toBe('Approval needed: Title e');
  });
});
