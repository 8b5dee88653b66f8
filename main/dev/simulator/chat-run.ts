import type { ServerResponse } from 'node:http';
import type { ApprovalStore, DecisionInput, ApprovalRecord } from './approval-store';
import type { ChatStore } from './chat-store';
import type { ConsoleContext } from './console-sessions';
import type { Fault } from './fault-plan';
import { SECURITY_HEADERS } from './http-io';
import type { TracingLog } from './log';
import type { UlidFactory } from './ulid';

export interface ChatRunDeps {
  chats: ChatStore;
  approvals: ApprovalStore;
  ids: UlidFactory;
  log: TracingLog;
  tokenDelayMs: number;
  approvalTimeoutMs: number;
  /** Resolves once the journal holds every change so far. */
  persist: () => Promise<void>;
}

export interface ChatRunRequest {
  context: ConsoleContext;
  sessionId: string;
  text: string;
  /** The request's `origin_kind`, stored verbatim on the run (`manual` when empty). */
  originKind: string;
  fault: Fault | null;
}

/** Messages that ask for a tool make the deterministic run pause for an operator approval. */
export function wantsTool(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t.startsWith('/tool') || t.includes('run tool');
}

/** The deterministic provider echoes the input; split into word-sized chunks so streaming shows. */
export function replyTokens(text: string): string[] {
  const parts = text.match(/\S+\s*/g) ?? [text];
  return parts.length > 0 ? parts : [text];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One streamed console chat turn: NDJSON lines in palyrad's order (chat.rs:4888-5061). */
export async function streamChatRun(
  res: ServerResponse,
  deps: ChatRunDeps,
  req: ChatRunRequest,
): Promise<void> {
  const runId = deps.ids.next();
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'application/x-ndjson; charset=utf-8',
  });
  const line = (value: unknown): void => {
    if (!closed) res.write(`${JSON.stringify(value)}\n`);
  };
  const event = (eventType: string, payload: unknown): void =>
    line({ type: 'event', event: { run_id: runId, event_type: eventType, [eventType]: payload } });
  const status = (kind: string, message: string): void => event('status', { kind, message });

  line({ type: 'meta', run_id: runId, session_id: req.sessionId });
  const session = deps.chats.find(req.context, req.sessionId);
  if (!session) {
    line({ type: 'error', run_id: runId, error: `orchestrator session not found: ${req.sessionId}` });
    line({ type: 'complete', run_id: runId, status: 'failed' });
    res.end();
    return;
  }
  const fault = req.fault;
  if (fault?.kind === 'slow') await sleep(fault.delayMs);
  if (fault?.kind === 'bad_json') {
    if (!closed) res.write('{"type":"event","event":{not json\n');
  }
  if (fault?.kind === 'wrong_schema') line({ type: 'event', event: { surprise: true } });

  // palyrad's run stream records the run and its reply, never the user's text (only channel-routed
  // messages are recorded as `message.received`).
  const run = deps.chats.startRun(req.context, req.sessionId, runId, req.originKind);
  const tapedStatus = (kind: string, message: string): void => {
    deps.chats.append(run, 'status', { kind, message });
    status(kind, message);
  };
  session.last_run_id = runId;
  session.last_run_state = 'in_progress';
  session.updated_at_unix_ms = Date.now();
  // palyrad commits the run to its journal before acknowledging it.
  await deps.persist();
  tapedStatus('accepted', `accepted session=${req.sessionId} principal=${req.context.principal}`);
  tapedStatus('in_progress', 'streaming');

  const command = req.text.trim().toLowerCase();
  if (command.startsWith('/fail')) {
    // A provider failure: the run fails (status event), then the stream's error and complete lines.
    const error = 'model provider request failed';
    tapedStatus('failed', error);
    deps.chats.finishRun(run, 'failed', error);
    line({ type: 'error', run_id: runId, error });
    line({ type: 'complete', run_id: runId, status: 'failed' });
    session.last_run_state = 'failed';
    res.end();
    return;
  }
  if (command === '/cancel' || command === 'cancel') {
    // palyrad's cancel command (orchestrator.rs is_cancel_command) cancels the run at once
    // (application/run_stream/cancellation.rs): a failed status, then complete failed, no error line.
    tapedStatus('failed', 'cancelled by request');
    deps.chats.finishRun(run, 'cancelled', 'cancelled by request');
    line({ type: 'complete', run_id: runId, status: 'failed' });
    session.last_run_state = 'cancelled';
    res.end();
    return;
  }

  if (wantsTool(req.text)) {
    await runToolWithApproval(deps, req, runId, event, () => closed);
  }

  const tokens = replyTokens(req.text);
  // A message marked [slow] stands for a slow model: the conformance suite kills the gateway mid-reply.
  const tokenDelayMs = req.text.includes('[slow]') ? 8_000 : deps.tokenDelayMs;
  for (let i = 0; i < tokens.length; i += 1) {
    if (closed) break;
    if (fault?.kind === 'close_mid_stream' && i === Math.min(2, tokens.length - 1)) {
      res.destroy();
      return;
    }
    await sleep(tokenDelayMs);
    const isFinal = i === tokens.length - 1;
    event('model_token', { token: tokens[i], is_final: isFinal });
    deps.chats.append(run, 'model_token', { is_final: isFinal, token: '<redacted>' });
    // The bench compares this wall-clock stamp with the client's receive time.
    if (i === 0)
      deps.log.info('first model token written', { run_id: runId, written_at_unix_ms: wallClockMs() });
  }
  if (fault?.kind === 'close_mid_stream') {
    res.destroy();
    return;
  }
  const reply = tokens.join('');
  deps.chats.append(run, 'message.replied', { reply_text: reply });
  session.preview = reply.slice(0, 120);
  session.updated_at_unix_ms = Date.now();
  await deps.persist();
  // Like palyrad (1e2f4d1), the run is not finalized while the console keeps the request side of
  // the run stream open: no `done` status, no `complete` line; the stream stays open until the
  // client closes it, and the run stays `in_progress` in the journal.
}

async function runToolWithApproval(
  deps: ChatRunDeps,
  req: ChatRunRequest,
  runId: string,
  event: (type: string, payload: unknown) => void,
  isClosed: () => boolean,
): Promise<void> {
  const proposalId = deps.ids.next();
  const toolName = req.text.toLowerCase().includes('browser')
    ? 'palyra.browser.navigate'
    : 'palyra.process.run';
  const inputJson = { command: req.text.slice(0, 200) };
  event('tool_proposal', {
    proposal_id: proposalId,
    tool_name: toolName,
    input_json: inputJson,
    approval_required: true,
  });
  const decided = new Promise<{ record: ApprovalRecord; decision: DecisionInput }>((resolve) => {
    const record = deps.approvals.create({
      context: req.context,
      sessionId: req.sessionId,
      runId,
      toolName,
      riskLevel: 'high',
      inputJson,
      timeoutMs: deps.approvalTimeoutMs,
    });
    deps.approvals.onDecision(record.approval_id, (r, decision) => resolve({ record: r, decision }));
    event('tool_approval_request', {
      proposal_id: proposalId,
      approval_id: record.approval_id,
      tool_name: toolName,
      input_json: inputJson,
      approval_required: true,
      request_summary: record.request_summary,
      prompt: { ...record.prompt, details_json: JSON.parse(record.prompt.details_json) as unknown },
    });
  });
  const { record, decision } = await decided;
  if (isClosed()) return;
  event('tool_approval_response', {
    proposal_id: proposalId,
    approval_id: record.approval_id,
    approved: decision.approved,
    reason: decision.reason,
    decision_scope: decision.scope,
    decision_scope_ttl_ms: decision.ttlMs,
  });
  event('tool_result', {
    proposal_id: proposalId,
    success: decision.approved,
    output_json: decision.approved ? { exit_code: 0, stdout: 'simulated tool output' } : null,
    error: decision.approved ? '' : `tool call not approved: ${decision.reason}`,
  });
}

/** Wall clock with sub-millisecond resolution, comparable across processes on one machine. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
