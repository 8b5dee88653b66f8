import { afterEach, describe, expect, it } from 'vitest';
import type { ToolApprovalRequest } from '../../../main/core/gateway';
import { clientFor, failure, type RunningSimulator, startSimulator } from './simulator-process';
import { waitFor } from '../../support/wait-for';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

describe('chat sessions and the NDJSON stream', () => {
  it('creates, lists and reads sessions; the transcript maps user and assistant messages', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session, created } = await client.resolveSession({ label: 'Desktop companion' });
    expect(created).toBe(true);
    expect(session.sessionId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const again = await client.resolveSession({ label: 'Desktop companion' });
    expect(again).toMatchObject({ created: false, session: { sessionId: session.sessionId } });

    const reply = await client.sendMessage(session.sessionId, { text: 'hello from the tray' });
    expect(reply).toMatchObject({
      text: 'hello from the tray',
      status: 'done',
      sessionId: session.sessionId,
    });

    const sessions = await client.listSessions();
    expect(sessions.map((s) => s.sessionId)).toEqual([session.sessionId]);
    expect(sessions[0]).toMatchObject({ label: 'Desktop companion', preview: 'hello from the tray' });

    // Like palyrad, the tape keeps the reply but not the user's text; the caller supplies what it sent.
    expect((await client.transcript(session.sessionId)).map((m) => [m.role, m.text])).toEqual([
      ['assistant', 'hello from the tray'],
    ]);
    const sent = {
      id: 'local-1',
      role: 'user' as const,
      text: 'hello from the tray',
      atMs: 1,
      runId: reply.runId,
    };
    const messages = await client.transcript(session.sessionId, new Map([[reply.runId, sent]]));
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hello from the tray'],
      ['assistant', 'hello from the tray'],
    ]);
    expect(messages[1]!.runId).toBe(reply.runId);
    const { records, runs } = await client.transcriptRecords(session.sessionId);
    expect(records.map((r) => r.event_type)).not.toContain('message.received');
    expect(runs).toMatchObject([{ run_id: reply.runId, origin_kind: 'manual', state: 'in_progress' }]);

    const missing = await failure(client.transcript('01ARZ3NDEKTSV4RRFFQ69G5FAA'));
    expect(missing).toMatchObject({ status: 404, code: 'gateway_not_found', category: 'not_found' });
    const malformed = await failure(client.transcript('not-a-ulid'));
    expect(malformed).toMatchObject({ status: 400, code: 'gateway_bad_request' });
  });

  it('surfaces tokens as they arrive, before the stream completes', async () => {
    sim = await startSimulator({ PALYRA_SIM_TOKEN_DELAY_MS: '25' });
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'stream' });
    const text = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    let resolved = false;
    const seenBeforeEnd: boolean[] = [];
    const statuses: string[] = [];
    let meta: { runId: string } | null = null;
    const pending = client
      .sendMessage(
        session.sessionId,
        { text },
        {
          onMeta: (m) => (meta = m),
          onToken: () => seenBeforeEnd.push(!resolved),
          onStatus: (kind) => statuses.push(kind),
        },
      )
      .then((r) => {
        resolved = true;
        return r;
      });
    const reply = await pending;
    expect(seenBeforeEnd).toHaveLength(20);
    expect(seenBeforeEnd.every(Boolean)).toBe(true);
    // palyrad sends no `done` status while the console holds the run open; the final token ends it.
    expect(statuses).toEqual(['accepted', 'in_progress']);
    expect(meta).toMatchObject({ runId: reply.runId });
    expect(reply.text).toBe(text);
  });

  it('pauses for a tool approval, forwards the decision into the live run, and finishes', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'tools' });
    const requests: ToolApprovalRequest[] = [];
    const events: string[] = [];
    const reply = client.sendMessage(
      session.sessionId,
      { text: 'please run tool ls' },
      {
        onApprovalRequest: (r) => requests.push(r),
        onEvent: (e) => events.push(e.event_type),
      },
    );
    await waitFor(() => requests.length === 1, 'approval request', 20_000);
    const pending = await client.pendingApprovals();
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ approvalId: requests[0]!.approvalId, toolName: 'palyra.process.run' });
    await client.decideApproval(requests[0]!.approvalId, { approved: true, scope: 'session' });
    const done = await reply;
    expect(done.status).toBe('done');
    expect(events).toEqual(
      expect.arrayContaining([
        'tool_proposal',
        'tool_approval_request',
        'tool_approval_response',
        'tool_result',
      ]),
    );
    expect(events.indexOf('tool_approval_response')).toBeGreaterThan(events.indexOf('tool_approval_request'));
    const decisions = await sim.control<{ decisions: { approval_id: string; decision_scope: string }[] }>(
      'GET',
      '/__sim/decisions',
    );
    expect(decisions.decisions).toEqual([
      expect.objectContaining({
        approval_id: requests[0]!.approvalId,
        approved: true,
        decision_scope: 'session',
      }),
    ]);
  });

  it('times out an unanswered approval (shortened timeout) with decision timeout', async () => {
    sim = await startSimulator({ PALYRA_SIM_APPROVAL_TIMEOUT_MS: '1200' });
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'timeout' });
    const responses: Record<string, unknown>[] = [];
    const reply = await client.sendMessage(
      session.sessionId,
      { text: '/tool cleanup' },
      {
        onEvent: (e) => {
          if (e.event_type === 'tool_approval_response')
            responses.push(e.tool_approval_response as Record<string, unknown>);
        },
      },
    );
    expect(reply.status).toBe('done');
    expect(responses).toEqual([
      expect.objectContaining({ approved: false, reason: 'approval_response_timeout' }),
    ]);
    const records = await client.listApprovalRecords();
    expect(records[0]).toMatchObject({ decision: 'timeout', decision_reason: 'approval_response_timeout' });
    expect(await client.pendingApprovals()).toEqual([]);
  });

  it('reports a stream closed mid-reply as stream_interrupted', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'cut' });
    await sim.control('POST', '/__sim/faults', {
      next: 'close_mid_stream',
      path: '/console/v1/chat/sessions',
    });
    const tokens: string[] = [];
    const err = await failure(
      client.sendMessage(
        session.sessionId,
        { text: 'one two three four five' },
        { onToken: (t) => tokens.push(t) },
      ),
    );
    expect(err).toMatchObject({ code: 'stream_interrupted', retryable: true });
    expect(tokens.length).toBeLessThan(5);
  });

  it('fails a silent stream after the idle timeout, and honours an AbortSignal', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'idle' });
    await sim.control('POST', '/__sim/faults', {
      next: 'slow',
      path: '/console/v1/chat/sessions',
      delay_ms: 5000,
    });
    const idle = await failure(
      client.sendMessage(session.sessionId, { text: 'hello' }, { idleTimeoutMs: 500 }),
    );
    expect(idle.code).toBe('stream_idle_timeout');

    const controller = new AbortController();
    const aborted = client.sendMessage(
      session.sessionId,
      { text: 'run tool and wait' },
      { signal: controller.signal, onApprovalRequest: () => controller.abort() },
    );
    expect((await failure(aborted)).code).toBe('stream_aborted');
  });

  it('maps an error line (HTTP 200) to chat_run_failed and a malformed line to gateway_bad_reply', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'errors' });
    const failed = await failure(client.sendMessage(session.sessionId, { text: '/fail please' }));
    expect(failed).toMatchObject({ code: 'chat_run_failed', status: 200 });
    expect(failed.message).toMatch(/model provider request failed/);

    const unknownSession = await failure(client.sendMessage('01ARZ3NDEKTSV4RRFFQ69G5FAA', { text: 'hi' }));
    expect(unknownSession.code).toBe('chat_run_failed');

    await sim.control('POST', '/__sim/faults', { next: 'bad_json', path: '/console/v1/chat/sessions' });
    expect((await failure(client.sendMessage(session.sessionId, { text: 'hi' }))).code).toBe(
      'gateway_bad_reply',
    );
    await sim.control('POST', '/__sim/faults', { next: 'wrong_schema', path: '/console/v1/chat/sessions' });
    expect((await failure(client.sendMessage(session.sessionId, { text: 'hi' }))).code).toBe(
      'gateway_bad_reply',
    );

    const empty = await failure(client.sendMessage(session.sessionId, { text: '   ' }));
    expect(empty).toMatchObject({ status: 400, code: 'gateway_bad_request' });
  });
});
