// Fills a stopped target's journal with decided approvals, copies of one the daemon itself
// recorded, so the inbox has to look past more than 2,000 records: rows in palyrad's SQLite
// `approvals` table (journal.rs migration 5), lines in the simulator's append-only approval log.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPROVAL_LOG_FILE_NAME } from '../../../main/dev/simulator/approval-log';
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
  const file = join(runtimeRoot, 'data', APPROVAL_LOG_FILE_NAME);
  // One record per line, the last line of an approval being its latest state.
  const original = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .findLast((a) => a.approval_id === template);
  if (!original) throw new Error(`approval ${template} is not in the simulator's approval log`);
  const lines: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    lines.push(
      JSON.stringify({
        ...original,
        approval_id: `${template.slice(0, 10)}${String(i).padStart(16, '0')}`,
        decision: 'deny',
      }),
    );
  }
  appendFileSync(file, `${lines.join('\n')}\n`);
}
