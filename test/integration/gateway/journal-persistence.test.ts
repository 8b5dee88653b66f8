// palyrad keeps chat sessions, transcripts and approvals in its journal; the simulator must too,
// or an offline draft for a session cannot be delivered after a gateway restart.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
