// The simulator lists approvals from an id index instead of sorting every record per page; what it
// answers must not change: checked against the straightforward filter-sort-slice it replaced.
import { describe, expect, it } from 'vitest';
import { ApprovalStore, type ApprovalRecord } from '../../../main/dev/simulator/approval-store';
import { UlidFactory } from '../../../main/dev/simulator/ulid';

function naiveList(records: ApprovalRecord[], query: URLSearchParams): unknown {
  const after = query.get('after_approval_id');
  const since = query.has('since_unix_ms') ? Number(query.get('since_unix_ms')) : null;
  const until = query.has('until_unix_ms') ? Number(query.get('until_unix_ms')) : null;
  const decision = query.get('decision');
  const principal = query.get('principal');
  const limit = Math.min(500, Math.max(1, Number(query.get('limit') ?? 100)));
  const rows = records
    .filter((r) => after === null || r.approval_id > after)
    .filter((r) => since === null || r.requested_at_unix_ms >= since)
    .filter((r) => until === null || r.requested_at_unix_ms <= until)
    .filter((r) => principal === null || r.principal === principal)
    .filter((r) => decision === null || r.decision === decision)
    .sort((a, b) => (a.approval_id < b.approval_id ? -1 : 1))
    .slice(0, limit + 1);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const next = hasMore ? (page[page.length - 1]?.approval_id ?? null) : null;
  return {
    approvals: page,
    next_after_approval_id: next,
    page: { limit, returned: page.length, has_more: hasMore, ...(next ? { next_cursor: next } : {}) },
  };
}

describe('ApprovalStore.list', () => {
  it('answers exactly as a filter, sort and slice over every record would', () => {
    const ids = new UlidFactory();
    const store = new ApprovalStore(ids);
    const base = 1_800_000_000_000;
    const make = (at: number, principal: string): ApprovalRecord =>
      store.create(
        {
          context: { principal, deviceId: 'dev', channel: null },
          sessionId: 'S',
          runId: 'R',
          toolName: 'palyra.process.run',
          riskLevel: 'high',
          inputJson: {},
          timeoutMs: 600_000,
        },
        at,
      );
    const created: ApprovalRecord[] = [];
    for (let i = 0; i < 600; i += 1) created.push(make(base + Math.floor(i / 7) * 1000, i % 3 ? 'a' : 'b'));
    // Restored ones from an earlier run, out of order and with ids below the newest.
    const older = new ApprovalStore(new UlidFactory());
    const restored = Array.from({ length: 150 }, (_, i) =>
      older.create(
        {
          context: { principal: 'a', deviceId: 'dev', channel: null },
          sessionId: 'S',
          runId: 'R',
          toolName: 't',
          riskLevel: 'low',
          inputJson: {},
          timeoutMs: 600_000,
        },
        base - 50_000 + i * 997,
      ),
    ).reverse();
    store.restore(restored);
    // And one requested at an earlier time than its id says (ids and request times disagree).
    created.push(make(base - 10_000, 'a'));
    for (const [i, r] of created.entries()) {
      if (i % 4 === 0)
        store.decide(r.approval_id, { approved: i % 8 === 0, reason: 'r', scope: 'once', ttlMs: null });
    }
    const all = [...created, ...restored];
    const sorted = all.map((r) => r.approval_id).sort();
    const queries: Record<string, string>[] = [
      {},
      { limit: '500' },
      { limit: '7' },
      { after_approval_id: sorted[100]! },
      { after_approval_id: sorted[100]!.slice(0, 12) },
      { after_approval_id: '' },
      { after_approval_id: 'ZZZZ' },
      { since_unix_ms: String(base + 20_000), limit: '50' },
      { since_unix_ms: String(base - 20_000), until_unix_ms: String(base + 5_000) },
      { decision: 'allow', limit: '500' },
      { decision: 'deny', after_approval_id: sorted[300]! },
      { principal: 'b', limit: '25', since_unix_ms: String(base) },
    ];
    for (const q of queries) {
      // Page through each query with the cursor, as the companion does.
      let query = new URLSearchParams(q);
      for (let page = 0; page < 200; page += 1) {
        const got = store.list(query) as { next_after_approval_id: string | null };
        expect(got, JSON.stringify(Object.fromEntries(query))).toEqual(naiveList(all, query));
        if (got.next_after_approval_id === null) break;
        query = new URLSearchParams({ ...q, after_approval_id: got.next_after_approval_id });
      }
    }
    store.dispose();
    older.dispose();
  });
});
