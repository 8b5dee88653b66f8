// Fills a stopped target's journal with decided approvals, copies of one the daemon itself
// recorded, so the inbox has to look past more than 2,000 records: rows in palyrad's SQLite
// `approvals` table (journal.rs migration 5), records in the simulator's journal file.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetKind } from './palyra-target';

/** Copies `template` (a decided approval) `count` times with ids just above it, same timestamp prefix. */
export function seedDecidedApprovals(
  kind: TargetKind,
  runtimeRoot: string,
  template: string,
  count: number,
): void {
  if (kind === 'real') {
    const db = join(runtimeRoot, 'data', 'journal.sqlite3');
    const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
      INSERT INTO approvals SELECT substr(approval_ulid, 1, 10) || printf('%016d', i), session_ulid, run_ulid,
        principal, device_id, channel, requested_at_unix_ms, resolved_at_unix_ms, subject_type, subject_id,
        request_summary, 'deny', decision_scope, decision_reason, decision_scope_ttl_ms, policy_snapshot_json,
        prompt_json, created_at_unix_ms, updated_at_unix_ms
      FROM approvals, n WHERE approval_ulid = '${template}';`;
    execFileSync('sqlite3', [db, sql]);
    return;
  }
  const file = join(runtimeRoot, 'data', 'simulator-journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8')) as { approvals: Record<string, unknown>[] };
  const original = journal.approvals.find((a) => a.approval_id === template);
  if (!original) throw new Error(`approval ${template} is not in the simulator journal`);
  for (let i = 1; i <= count; i += 1) {
    journal.approvals.push({
      ...original,
      approval_id: `${template.slice(0, 10)}${String(i).padStart(16, '0')}`,
      decision: 'deny',
    });
  }
  writeFileSync(file, JSON.stringify(journal));
}
