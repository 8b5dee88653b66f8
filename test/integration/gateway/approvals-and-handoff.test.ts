import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionScope as ContractScope } from '../../../main/contract/model';
import { clientFor, failure, type RunningSimulator, startSimulator } from './simulator-process';
import { waitFor } from '../../support/wait-for';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

interface Raised {
  approvals: { approval_id: string }[];
}

describe('approvals', () => {
  it('maps pending approvals to ApprovalView with expiry and options', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const raised = await sim.control<Raised>('POST', '/__sim/approvals', {
      title: 'Delete build cache',
      risk_level: 'critical',
      tool_name: 'palyra.fs.delete',
      timeout_seconds: 90,
    });
    const [view] = await client.pendingApprovals();
    expect(view).toMatchObject({
      approvalId: raised.approvals[0]!.approval_id,
      title: 'Delete build cache',
      riskLevel: 'critical',
      toolName: 'palyra.fs.delete',
      subjectId: 'tool:palyra.fs.delete',
      busy: false,
      error: null,
    });
    expect(view!.expiresAtMs).toBe(view!.requestedAtMs + 90_000);
    expect(view!.options.map((o) => [o.optionId, o.scope, o.approved])).toEqual([
      ['allow_once', 'once', true],
      ['allow_session', 'session', true],
      ['deny_once', 'once', false],
    ]);
    expect(view!.options.map((o) => o.ttlMs)).toEqual([null, null, null]);
  });

  it('pages through more than one page in ascending ULID order, up to the bound', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    await sim.control('POST', '/__sim/approvals', { count: 1100, timeout_seconds: 600 });
    const all = await client.listApprovalRecords(2000, 500);
    expect(all).toHaveLength(1100);
    const ids = all.map((a) => a.approval_id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1100);
    expect(await client.listApprovalRecords(700, 500)).toHaveLength(700);
  });

  it('decides with each scope; a second decision overwrites but keeps resolved_at', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const raised = await sim.control<Raised>('POST', '/__sim/approvals', { count: 3 });
    const [a, b, c] = raised.approvals.map((x) => x.approval_id);
    const first = await client.decideApproval(a!, { approved: true, scope: 'once', reason: 'looks fine' });
    expect(first).toMatchObject({ decision: 'allow', decision_scope: 'once', decision_reason: 'looks fine' });
    await client.decideApproval(b!, { approved: true, scope: 'timeboxed', ttlMs: 600_000 });
    const denied = await client.decideApproval(c!, { approved: false, scope: 'session' });
    expect(denied).toMatchObject({ decision: 'deny', decision_reason: 'denied_by_console' });
    await new Promise((r) => setTimeout(r, 20));
    const again = await client.decideApproval(a!, { approved: false, scope: 'once' });
    expect(again.decision).toBe('deny');
    expect(again.resolved_at_unix_ms).toBe(first.resolved_at_unix_ms);
    expect(await client.pendingApprovals()).toEqual([]);
    const log = await sim.control<{ decisions: { decision_scope_ttl_ms: number | null }[] }>(
      'GET',
      '/__sim/decisions',
    );
    expect(log.decisions).toHaveLength(4);
    expect(log.decisions[1]!.decision_scope_ttl_ms).toBe(600_000);
  });

  it('answers 404 for an unknown approval and 400 for a bad scope', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const unknown = await failure(
      client.decideApproval('01ARZ3NDEKTSV4RRFFQ69G5FAA', { approved: true, scope: 'once' }),
    );
    expect(unknown).toMatchObject({ status: 404, code: 'gateway_not_found' });
    const raised = await sim.control<Raised>('POST', '/__sim/approvals', {});
    const badScope = await failure(
      client.decideApproval(raised.approvals[0]!.approval_id, {
        approved: true,
        scope: 'always' as ContractScope,
      }),
    );
    expect(badScope).toMatchObject({ status: 400, code: 'gateway_bad_request', category: 'validation' });
    expect(badScope.message).toMatch(/decision_scope/);
  });

  it('times out a standalone approval after its timeout', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    await sim.control('POST', '/__sim/approvals', { timeout_ms: 2000 });
    expect(await client.pendingApprovals()).toHaveLength(1);
    await waitFor(async () => (await client.pendingApprovals()).length === 0, 'approval timeout', 20_000, {
      retryOnError: true,
    });
    const [record] = await client.listApprovalRecords();
    expect(record).toMatchObject({ decision: 'timeout', decision_reason: 'approval_response_timeout' });
  });
});

describe('dashboard hand-off', () => {
  it('mints a same-origin URL; consume redirects (303) without spending; session spends it once', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const handoff = await client.dashboardHandoff('approvals');
    const url = new URL(handoff.url);
    expect(url.origin).toBe(sim.baseUrl);
    expect(handoff.expiresAtMs).toBeGreaterThan(Date.now() + 50_000);
    const token = url.searchParams.get('token')!;

    const consume = await fetch(handoff.url, { redirect: 'manual' });
    expect(consume.status).toBe(303);
    expect(consume.headers.get('cache-control')).toBe('no-store');
    expect(consume.headers.get('location')).toBe(
      `/?desktop_handoff_token=${encodeURIComponent(token)}#/control/approvals`,
    );
    // Consume only validates: a second navigation still works.
    expect((await fetch(handoff.url, { redirect: 'manual' })).status).toBe(303);

    const post = (): Promise<Response> =>
      fetch(`${sim!.baseUrl}/console/v1/auth/browser-handoff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie()[0]).toMatch(/^palyra_console_session=/);
    expect(await first.json()).toMatchObject({ principal: 'admin:desktop-control-center' });
    expect((await post()).status).toBe(403);
    expect((await fetch(handoff.url, { redirect: 'manual' })).status).toBe(403);
  });

  it('refuses a hand-off URL that points at another origin', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    await sim.control('POST', '/__sim/faults', { next: 'foreign_handoff_origin' });
    const err = await failure(client.dashboardHandoff('overview'));
    expect(err.code).toBe('handoff_rejected');
    expect(err.message).toMatch(/evil\.example/);
  });

  it('rejects an unsafe redirect path with 400', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const err = await failure(client.dashboardHandoff('//evil.example/x'));
    expect(err).toMatchObject({ status: 400, code: 'gateway_bad_request' });
  });
});
