// The simulator's approval journal is an append-only log: a change appends one line, a restart
// replays the lines (the last per approval wins), a crash mid-append costs only the torn line, and
// unreadable lines are kept aside, never overwritten.
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalLog } from '../../../main/dev/simulator/approval-log';
import { ApprovalStore, type ApprovalRecord } from '../../../main/dev/simulator/approval-store';
import { TracingLog } from '../../../main/dev/simulator/log';
import { UlidFactory } from '../../../main/dev/simulator/ulid';

let dir: string;
let logged: string[];
let tracing: TracingLog;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'companion-approval-log-'));
  logged = [];
  tracing = new TracingLog('test', (line) => logged.push(line));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function raise(store: ApprovalStore, n: number): ApprovalRecord[] {
  return Array.from({ length: n }, (_, i) =>
    store.create({
      context: { principal: 'admin:test', deviceId: 'dev', channel: null },
      sessionId: `S${i}`,
      runId: `R${i}`,
      toolName: 'palyra.process.run',
      riskLevel: 'medium',
      inputJson: { i },
      timeoutMs: 600_000,
    }),
  );
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

describe('ApprovalLog', () => {
  it('appends one line per change, batches appends into one write, and replays last-wins', async () => {
    const path = join(dir, 'approvals.jsonl');
    const log = new ApprovalLog(path, tracing);
    const store = new ApprovalStore(new UlidFactory());
    store.onChange = (r) => log.append(r);
    const raised = raise(store, 500);
    await log.flush();
    expect(lines(path)).toHaveLength(500);
    const sizeBefore = statSync(path).size;
    const inode = statSync(path).ino;
    store.decide(raised[7]!.approval_id, { approved: true, reason: 'ok', scope: 'once', ttlMs: null });
    await log.flush();
    // One decision: one line more, the file appended to in place (same inode), not rewritten.
    expect(lines(path)).toHaveLength(501);
    expect(statSync(path).ino).toBe(inode);
    expect(statSync(path).size - sizeBefore).toBeLessThan(2 * (sizeBefore / 500));
    store.dispose();

    const loaded = new ApprovalLog(path, tracing).load()!;
    expect(loaded.lines).toBe(501);
    expect(loaded.records).toHaveLength(500);
    const again = new ApprovalStore(new UlidFactory());
    again.restore(loaded.records);
    expect(again.get(raised[7]!.approval_id)).toMatchObject({ decision: 'allow', decision_reason: 'ok' });
    expect(again.pendingCount()).toBe(499);
  });

  it('writes an append nobody waits for within its debounce, and what is queued on the way out', async () => {
    const path = join(dir, 'approvals.jsonl');
    const log = new ApprovalLog(path, tracing, 20);
    const store = new ApprovalStore(new UlidFactory());
    store.onChange = (r) => log.append(r);
    raise(store, 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(lines(path)).toHaveLength(2);
    raise(store, 1);
    log.flushSync();
    expect(lines(path)).toHaveLength(3);
    store.dispose();
  });

  it('drops a line torn by a crash and cuts it off, so the next append starts clean', async () => {
    const path = join(dir, 'approvals.jsonl');
    const first = new ApprovalLog(path, tracing);
    const store = new ApprovalStore(new UlidFactory());
    store.onChange = (r) => first.append(r);
    const [a, b] = raise(store, 2);
    await first.flush();
    appendFileSync(path, '{"approval_id":"01J-half-written","session_');
    const second = new ApprovalLog(path, tracing);
    expect(second.load()!.records.map((r) => r.approval_id)).toEqual([a!.approval_id, b!.approval_id]);
    expect(logged.join('')).toContain('partial line');
    store.onChange = (r) => second.append(r);
    store.decide(a!.approval_id, { approved: false, reason: 'no', scope: 'once', ttlMs: null });
    await second.flush();
    const third = new ApprovalLog(path, tracing).load()!;
    expect(third.records.find((r) => r.approval_id === a!.approval_id)!.decision).toBe('deny');
    expect(lines(path).every((l) => l.startsWith('{') && l.endsWith('}'))).toBe(true);
    store.dispose();
  });

  it('keeps a log with unreadable lines aside and continues with the readable ones', () => {
    const path = join(dir, 'approvals.jsonl');
    const store = new ApprovalStore(new UlidFactory());
    const [a, b] = raise(store, 2);
    writeFileSync(path, `${JSON.stringify(a)}\nnot json at all\n${JSON.stringify(b)}\n`);
    const loaded = new ApprovalLog(path, tracing).load()!;
    expect(loaded.records.map((r) => r.approval_id)).toEqual([a!.approval_id, b!.approval_id]);
    const aside = readdirSync(dir).find((f) => f.startsWith('approvals.jsonl.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toContain('not json at all');
    expect(lines(path)).toHaveLength(2);
    store.dispose();
  });

  it('rewrites the log with one line per record', () => {
    const path = join(dir, 'approvals.jsonl');
    const store = new ApprovalStore(new UlidFactory());
    const records = raise(store, 3);
    writeFileSync(path, [...records, ...records, ...records].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const log = new ApprovalLog(path, tracing);
    const loaded = log.load()!;
    expect(loaded).toMatchObject({ lines: 9 });
    expect(log.rewrite(loaded.records)).toBe(true);
    expect(lines(path)).toHaveLength(3);
    expect(readdirSync(dir)).toEqual(['approvals.jsonl']);
    store.dispose();
  });
});
