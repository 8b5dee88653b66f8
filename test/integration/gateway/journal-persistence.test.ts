// palyrad keeps chat sessions, transcripts and approvals in its journal; the simulator must too,
// or an offline draft for a session cannot be delivered after a gateway restart.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type RunningSimulator, startSimulator } from './simulator-process';

let sim: RunningSimulator | null = null;
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'companion-journal-'));
});
afterEach(async () => {
  await sim?.stop();
  sim = null;
  rmSync(root, { recursive: true, force: true });
});

/** Same journal location as the companion gives palyrad. */
function journalEnv(): Record<string, string> {
  return {
    PALYRA_STATE_ROOT: root,
    PALYRA_JOURNAL_DB_PATH: join(root, 'data', 'journal.sqlite3'),
  };
}

describe('simulator journal', () => {
  it('keeps a session, its transcript and approvals across a kill -9 and restart', async () => {
    sim = await startSimulator(journalEnv());
    const first = clientFor(sim);
    const { session } = await first.resolveSession({ label: 'survives restart' });
    const reply = await first.sendMessage(session.sessionId, { text: 'remember me please' });
    expect(reply.status).toBe('done');
    const raised = await sim.control<{ approvals: { approval_id: string }[] }>('POST', '/__sim/approvals', {
      title: 'Pending across restart',
      timeout_seconds: 600,
    });
    const approvalId = raised.approvals[0]!.approval_id;
    // The reply acknowledged the message, so it is on disk already: no graceful shutdown needed.
    sim.child.kill('SIGKILL');
    await sim.stop();

    sim = await startSimulator(journalEnv());
    const second = clientFor(sim);
    const sessions = await second.listSessions();
    expect(sessions.map((s) => s.sessionId)).toEqual([session.sessionId]);
    const messages = await second.transcript(session.sessionId);
    // The tape keeps the reply (palyrad records no user text for console chat).
    expect(messages.map((m) => [m.role, m.text])).toEqual([['assistant', 'remember me please']]);
    const again = await second.resolveSession({ label: 'survives restart' });
    expect(again).toMatchObject({ created: false, session: { sessionId: session.sessionId } });
    const pending = await second.pendingApprovals();
    expect(pending.map((a) => a.approvalId)).toContain(approvalId);

    // A message after the restart lands in the same transcript, after the old records.
    await second.sendMessage(session.sessionId, { text: 'and after the restart' });
    const after = await second.transcript(session.sessionId);
    expect(after.map((m) => m.text)).toEqual(['remember me please', 'and after the restart']);
  });

  it('moves a corrupt journal aside, starts empty and keeps the corrupt bytes', async () => {
    mkdirSync(join(root, 'data'), { recursive: true });
    const path = join(root, 'data', 'simulator-journal.json');
    writeFileSync(path, '{"version":1,"sessions":[{"session_id":');
    sim = await startSimulator(journalEnv());
    expect(sim.stdout()).toContain('journal file unreadable');
    expect(await clientFor(sim).listSessions()).toEqual([]);
    const aside = readdirSync(join(root, 'data')).find((f) =>
      f.startsWith('simulator-journal.json.corrupt-'),
    );
    expect(aside).toBeDefined();
    expect(readFileSync(join(root, 'data', aside!), 'utf8')).toBe('{"version":1,"sessions":[{"session_id":');
  });

  it('records a decision with 3,000 pending as one appended line, kept across a kill -9', async () => {
    sim = await startSimulator(journalEnv());
    const log = join(root, 'data', 'simulator-approvals.jsonl');
    for (let i = 0; i < 3; i += 1) {
      await sim.control('POST', '/__sim/approvals', { count: 1000, timeout_seconds: 600 });
    }
    const before = statSync(log);
    const client = clientFor(sim);
    const [first] = await client.listApprovalRecords(1, 1);
    await client.decideApproval(first!.approval_id, { approved: true, scope: 'session' });
    // Acknowledged, so on disk: appended in place (same file), about one record longer.
    const after = statSync(log);
    expect(after.ino).toBe(before.ino);
    expect(after.size - before.size).toBeGreaterThan(0);
    expect(after.size - before.size).toBeLessThan((2 * before.size) / 3000);
    sim.child.kill('SIGKILL');
    await sim.stop();

    sim = await startSimulator(journalEnv());
    const again = clientFor(sim);
    expect(await again.pendingApprovals()).toHaveLength(2999);
    const [decided] = await again.listApprovalRecords(1, 1);
    expect(decided).toMatchObject({
      approval_id: first!.approval_id,
      decision: 'allow',
      decision_scope: 'session',
    });
  });

  it('moves the approvals of a journal file written before the log into the log', async () => {
    sim = await startSimulator(journalEnv());
    await sim.control('POST', '/__sim/approvals', { count: 3, timeout_seconds: 600 });
    const { session } = await clientFor(sim).resolveSession({ label: 'older layout' });
    await sim.stop();
    // Rebuild the older layout: the approvals inside the journal file, no log.
    const data = join(root, 'data');
    const log = join(data, 'simulator-approvals.jsonl');
    const approvals = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as unknown);
    const file = join(data, 'simulator-journal.json');
    const journal = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...journal, approvals }));
    unlinkSync(log);

    sim = await startSimulator(journalEnv());
    const client = clientFor(sim);
    expect(await client.pendingApprovals()).toHaveLength(3);
    expect((await client.listSessions()).map((s) => s.sessionId)).toEqual([session.sessionId]);
    expect(existsSync(log)).toBe(true);
    await waitForFile(() => !('approvals' in (JSON.parse(readFileSync(file, 'utf8')) as object)));
    // A decision after the move survives a kill -9 like any other.
    const [view] = await client.pendingApprovals();
    await client.decideApproval(view!.approvalId, { approved: false, scope: 'once' });
    sim.child.kill('SIGKILL');
    await sim.stop();
    sim = await startSimulator(journalEnv());
    expect(await clientFor(sim).pendingApprovals()).toHaveLength(2);
  });
});

async function waitForFile(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the journal file was not rewritten');
    await new Promise((r) => setTimeout(r, 50));
  }
}
