// Snapshot and inbox costs at operator-hostile sizes: 1,000 pending approvals per refresh and
// 10,000 approvals held in the inbox.
import type { ApprovalView } from '../main/contract/model';
import { ApprovalInbox } from '../main/core/approvals/approval-inbox';
import { initialSnapshot } from '../main/core/snapshot/initial-snapshot';
import { SnapshotStore } from '../main/core/snapshot/snapshot-store';
import { median, runStandalone, type BenchRow } from './report';

function approvals(count: number, prefix = 'ap'): ApprovalView[] {
  return Array.from({ length: count }, (_, i) => ({
    approvalId: `${prefix}-${i}`,
    title: `Run shell.exec #${i}`,
    riskLevel: i % 10 === 0 ? 'high' : 'medium',
    summary: 'The agent wants to run `cargo test` in /srv/app',
    subjectType: 'tool',
    subjectId: 'shell.exec',
    toolName: 'shell.exec',
    sessionId: `s-${i % 7}`,
    runId: `r-${i}`,
    principal: 'admin:desktop',
    requestedAtMs: 1_700_000_000_000 + i,
    expiresAtMs: null,
    policyExplanation: 'sensitive tool',
    options: [
      {
        optionId: 'once',
        label: 'Approve once',
        scope: 'once',
        approved: true,
        ttlMs: null,
        defaultSelected: true,
      },
      {
        optionId: 'deny',
        label: 'Deny',
        scope: 'once',
        approved: false,
        ttlMs: null,
        defaultSelected: false,
      },
    ],
    busy: false,
    error: null,
  }));
}

function timeRuns(runs: number, body: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = process.hrtime.bigint();
    body(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const base = initialSnapshot({
    stateRoot: '/s',
    defaultStateRoot: '/s',
    dashboardUrl: 'http://127.0.0.1:1/',
  });

  const list = approvals(1000);
  const inbox = new ApprovalInbox();
  inbox.refresh(list);
  const store = new SnapshotStore(base, { coalesceMs: 0 });
  const runs = 2000;

  // Unchanged refresh: what every poll costs when nothing happened.
  const fresh = approvals(1000);
  const refreshTimes = timeRuns(200, () => {
    inbox.refresh(fresh);
    store.update({ approvals: inbox.pending() as ApprovalView[] });
  });
  rows.push({
    name: 'inbox.refresh (1,000 pending, unchanged) + snapshot update',
    value: median(refreshTimes),
    unit: 'ms',
    runs: 200,
    note: `max ${Math.max(...refreshTimes).toFixed(3)} ms`,
  });

  // One approval changes: new pending array, snapshot update + patch build.
  const changeTimes = timeRuns(runs, (i) => {
    const next = fresh.slice();
    next[i % 1000] = { ...next[i % 1000]!, title: `changed ${i}` };
    inbox.refresh(next);
    store.update({ approvals: inbox.pending() as ApprovalView[] });
    store.flush();
  });
  rows.push({
    name: 'one approval changed in 1,000: refresh + update + patch',
    value: median(changeTimes),
    unit: 'ms',
    runs,
    note: `max ${Math.max(...changeTimes).toFixed(3)} ms`,
  });

  // Another part updates its key while 1,000 approvals sit in the snapshot.
  const patchTimes = timeRuns(runs, (i) => {
    store.update({ warnings: [`w${i}`] });
    store.flush();
  });
  rows.push({
    name: 'snapshot update + patch with 1,000 approvals present',
    value: median(patchTimes) * 1000,
    unit: 'µs',
    runs,
    note: `patch carries only changed keys; max ${(Math.max(...patchTimes) * 1000).toFixed(1)} µs`,
  });
  store.dispose();

  // Memory with 10k approvals held.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const big = new ApprovalInbox();
  big.refresh(approvals(10_000, 'big'));
  big.pending();
  global.gc?.();
  const rssAfter = process.memoryUsage().rss;
  rows.push({
    name: 'RSS after 10k approvals in the inbox',
    value: rssAfter / (1024 * 1024),
    unit: 'MiB',
    runs: 1,
    note: `+${((rssAfter - rssBefore) / (1024 * 1024)).toFixed(1)} MiB for the 10k approvals${global.gc ? '' : ' (no --expose-gc)'}`,
  });
  if (big.size !== 10_000) throw new Error('inbox lost approvals');
  return rows;
}

if (require.main === module) void runStandalone(run);
