// Real approvals, raised by the daemon's own policy (a model server of the test's own answers with
// a `palyra.fs.apply_patch` tool call; the simulator raises one for a "run tool" message), reach
// the product's inbox, are decided there with each scope the daemon offers, and the daemon records
// exactly that decision. Then the journal is filled past 2,000 approvals and a new one must still
// reach the inbox.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalView, DecisionScope } from '../../main/contract/model';
import { waitFor } from '../support/wait-for';
import { startModelServer, type ModelServer } from './support/model-server';
import {
  ensureDefaultAgent,
  conformanceTargets,
  startTarget,
  waitHealthy,
  type RunningTarget,
} from './support/palyra-target';
import { seedDecidedApprovals } from './support/seed-approvals';

const targets = conformanceTargets();
const SEEDED = 2_100;

describe.each(targets)('Palyra approvals conformance: $title', ({ kind, skip }) => {
  let model: ModelServer | null = null;
  let target: RunningTarget | null = null;
  const decided: string[] = [];

  const launch = async (stateRoot?: string): Promise<RunningTarget> => {
    const started = await startTarget(kind, model!.env, stateRoot);
    await waitHealthy(started);
    await ensureDefaultAgent(await started.console());
    return started;
  };

  /** Sends a tool-asking message in a new session and waits for its approval in the inbox. */
  const raise = async (label: string): Promise<{ approval: ApprovalView; reply: Promise<unknown> }> => {
    const session = await target!.call('chat.createSession', { label });
    const before = new Set((await target!.snapshot()).approvals.map((a) => a.approvalId));
    // The run waits for the decision, so the send resolves only after it.
    const reply = target!.callError('chat.send', {
      sessionId: session.sessionId,
      text: 'run tool: apply the patch',
    });
    const approval = await waitFor(
      async () => (await target!.snapshot()).approvals.find((a) => !before.has(a.approvalId)) ?? null,
      'the new approval in the inbox',
      60_000,
      { intervalMs: 250 },
    );
    return { approval, reply };
  };

  beforeAll(async () => {
    if (skip) return;
    model = await startModelServer();
    target = await launch();
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
    await model?.close();
  }, 60_000);

  it.skipIf(skip)(
    'decides with each scope the daemon offers; the daemon records exactly that',
    async () => {
      const first = await raise('scope once');
      const scopes = [
        ...new Set(first.approval.options.filter((o) => o.approved).map((o) => o.scope)),
      ] as DecisionScope[];
      expect(scopes).toContain('once');
      // A tool approval offers palyrad's default options, worded as palyrad words them (the UI
      // translates exactly these); the simulator once added a timeboxed option palyrad never offers.
      expect(first.approval.options.map((o) => [o.optionId, o.label, o.scope, o.ttlMs])).toEqual([
        ['allow_once', 'Allow once', 'once', null],
        ['allow_session', 'Allow for session', 'session', null],
        ['deny_once', 'Deny', 'once', null],
      ]);
      const pending = [first];
      for (const scope of scopes.slice(1)) pending.push(await raise(`scope ${scope}`));
      const check = await target!.console();
      for (const [i, scope] of scopes.entries()) {
        const { approval, reply } = pending[i]!;
        const option = approval.options.find((o) => o.approved && o.scope === scope);
        const ttlMs = scope === 'timeboxed' ? (option?.ttlMs ?? 60_000) : undefined;
        await target!.call('approval.decide', {
          approvalId: approval.approvalId,
          approved: true,
          scope,
          ...(ttlMs ? { ttlMs } : {}),
        });
        await reply;
        const recorded = await check.request('GET', `/console/v1/approvals/${approval.approvalId}`);
        expect(recorded.status).toBe(200);
        expect(recorded.body.approval).toMatchObject({
          approval_id: approval.approvalId,
          decision: 'allow',
          decision_scope: scope,
          ...(ttlMs ? { decision_scope_ttl_ms: ttlMs } : {}),
        });
        decided.push(approval.approvalId);
      }
      expect((await target!.snapshot()).approvals.map((a) => a.approvalId)).not.toContain(decided[0]);
    },
    240_000,
  );

  it.skipIf(skip)(
    `sees a new approval when the journal already holds more than 2,000`,
    async () => {
      const stateRoot = target!.stateRoot;
      await target!.stop({ keepState: true });
      target = null;
      seedDecidedApprovals(kind, join(stateRoot, 'companion', 'runtime'), decided[0]!, SEEDED);
      target = await launch(stateRoot);
      const check = await target.console();
      const all = await check.request('GET', '/console/v1/approvals?limit=500');
      expect(all.body.next_after_approval_id).not.toBeNull();
      const { approval, reply } = await raise('after the flood');
      expect(approval.approvalId > decided[0]!).toBe(true);
      await target.call('approval.decide', {
        approvalId: approval.approvalId,
        approved: false,
        scope: 'once',
      });
      await reply;
      const recorded = await check.request('GET', `/console/v1/approvals/${approval.approvalId}`);
      expect(recorded.body.approval).toMatchObject({ decision: 'deny', decision_scope: 'once' });
    },
    240_000,
  );
});
