import { describe, expect, it } from 'vitest';
import { ApprovalFeed, type ApprovalListQuery } from '../../../main/core/gateway';
import type { ApprovalRecord } from '../../../main/core/gateway/schemas';

/** A journal that lists like palyrad's: ULID order, filters, pages with a text cursor, no pending filter. */
function journal(records: ApprovalRecord[]) {
  const queries: ApprovalListQuery[] = [];
  return {
    queries,
    listApprovalPage: async (q: ApprovalListQuery = {}) => {
      queries.push({ ...q });
      const limit = Math.min(500, q.limit ?? 100);
      const rows = records
        .filter((r) => !q.afterApprovalId || r.approval_id > q.afterApprovalId)
        .filter((r) => q.sinceUnixMs === undefined || r.requested_at_unix_ms >= q.sinceUnixMs)
        .sort((a, b) => (a.approval_id < b.approval_id ? -1 : 1))
        .slice(0, limit + 1);
      const page = rows.slice(0, limit);
      const next = rows.length > limit ? page.at(-1)!.approval_id : null;
      return { approvals: page, next_after_approval_id: next };
    },
  };
}

function record(i: number, atMs: number, decision?: string): ApprovalRecord {
  const prompt = {
    title: `t${i}`,
    risk_level: 'high',
    subject_id: 'tool:x',
    summary: 's',
    options: [],
    timeout_seconds: 60,
    details_json: '{}',
  };
  return {
    approval_id: `01J${String(i).padStart(23, '0')}`,
    session_id: 'S',
    run_id: 'R',
    principal: 'p',
    device_id: 'd',
    requested_at_unix_ms: atMs,
    subject_type: 'tool',
    subject_id: 'tool:x',
    request_summary: 's',
    prompt,
    ...(decision ? { decision } : {}),
  } as unknown as ApprovalRecord;
}

describe('ApprovalFeed', () => {
  it('finds a new approval behind 2,100 decided ones and follows it until it is decided', async () => {
    const now = 1_800_000_000_000;
    const records = Array.from({ length: 2_100 }, (_, i) => record(i, now - 1000, 'deny'));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    expect(await feed.read()).toEqual([]);
    records.push(record(5_000, now + 10));
    expect((await feed.read()).map((a) => a.approvalId)).toEqual([records.at(-1)!.approval_id]);
    // With one pending, the next read starts at its request time, not at the beginning.
    expect(await feed.read()).toHaveLength(1);
    const since = gateway.queries.at(-1)!.sinceUnixMs!;
    expect(since).toBeGreaterThan(now - 10_000);
    (records.at(-1) as { decision?: string }).decision = 'allow';
    expect(await feed.read()).toEqual([]);
    // Nothing pending: only what comes after the newest seen id is read.
    await feed.read();
    expect(gateway.queries.at(-1)!.afterApprovalId).toBe(records.at(-1)!.approval_id);
  });
});
