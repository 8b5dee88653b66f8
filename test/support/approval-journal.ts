// A journal that lists approvals like palyrad's, and its records: for tests of the approval feed
// and of what reads it.
import type { ApprovalListQuery } from '../../main/core/gateway';
import type { ApprovalRecord } from '../../main/core/gateway/schemas';

/** A journal that lists like palyrad's: ULID order, filters, pages with a text cursor, no pending filter. */
export function journal(records: ApprovalRecord[]) {
  const queries: ApprovalListQuery[] = [];
  const listApprovalPage = async (q: ApprovalListQuery = {}) => {
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
  };
  // The records are plain objects, as a JSON reply would hold them: the raw page is the same page.
  return { queries, listApprovalPage, listRawApprovalPage: listApprovalPage };
}

export function record(i: number, atMs: number, decision?: string): ApprovalRecord {
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
