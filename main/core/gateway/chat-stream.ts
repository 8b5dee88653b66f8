import type { ConsoleTransport } from './console-transport';
import { badReply, GatewayError } from './gateway-error';
import { NdjsonLineSplitter } from './ndjson-lines';
import {
  modelTokenPayloadSchema,
  statusPayloadSchema,
  streamLineSchema,
  toolApprovalRequestPayloadSchema,
  type StreamEvent,
  type StreamLine,
} from './schemas';
import type { z } from 'zod';

/** An approval pause holds the stream for up to 60 s, so the idle limit must be well above it. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 90_000;

/**
 * palyrad (1e2f4d1) never ends a successful console run: its console handler keeps the request
 * side of the run stream open for approval replies, and the run stream only finalizes when that
 * side closes (crates/palyra-daemon/src/transport/http/handlers/console/chat.rs,
 * transport/grpc/services/gateway/service.rs). After the final model token nothing more comes, so
 * a final token followed by this much silence ends the reply; any later line (a `done` status, a
 * tool event, `complete`) is still honoured if it arrives first.
 */
export const DEFAULT_FINAL_TOKEN_SETTLE_MS = 1_500;

export interface ToolApprovalRequest {
  approvalId: string;
  toolName: string | null;
  prompt: z.output<typeof toolApprovalRequestPayloadSchema>['prompt'];
}

export interface ChatStreamOptions {
  /** No total timeout: a reply may stream for minutes. This bounds the silence between chunks. */
  idleTimeoutMs?: number;
  /** Silence after the final model token that ends the reply (see DEFAULT_FINAL_TOKEN_SETTLE_MS). */
  finalTokenSettleMs?: number;
  signal?: AbortSignal;
  onMeta?: (meta: { runId: string; sessionId: string }) => void;
  /** Called for each token as it arrives, not at the end. */
  onToken?: (token: string, isFinal: boolean) => void;
  onStatus?: (kind: string, message: string | null) => void;
  onApprovalRequest?: (request: ToolApprovalRequest) => void;
  /** Every event line, including the ones above. */
  onEvent?: (event: StreamEvent) => void;
}

export interface ChatMessageInput {
  text: string;
  sessionLabel?: string;
  allowSensitiveTools?: boolean;
  /**
   * Stored verbatim as the run's `origin_kind` (journal.rs orchestrator_runs) and listed with the
   * transcript's runs: the companion's delivery key, so it can tell later whether a message whose
   * stream broke reached the gateway, without relying on the user's text (which palyrad does not
   * record for console chat).
   */
  originKind?: string;
}

export interface ChatReply {
  runId: string;
  sessionId: string;
  /** The concatenated model tokens. */
  text: string;
  /** The `complete` line's status (`done`, …), or `done` when the final token settled. */
  status: string;
}

interface StreamState {
  runId: string;
  sessionId: string;
  text: string;
  status: string;
  complete: boolean;
  error: string | null;
  /** The last `status` event's kind and message (a cancelled run says so only there). */
  lastStatus: { kind: string; message: string | null } | null;
  /** A final model token arrived and no approval is pending since. */
  finalToken: boolean;
}

/** POST …/messages/stream and parse the NDJSON reply incrementally. */
export async function streamChatReply(
  transport: ConsoleTransport,
  sessionId: string,
  input: ChatMessageInput,
  opts: ChatStreamOptions = {},
): Promise<ChatReply> {
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  const settleMs = opts.finalTokenSettleMs ?? DEFAULT_FINAL_TOKEN_SETTLE_MS;
  const controller = new AbortController();
  let idleFired = false;
  let settled = false;
  let timer: NodeJS.Timeout | null = null;
  const armIdle = (): void => {
    if (timer) clearTimeout(timer);
    if (state.finalToken && !state.complete) {
      timer = setTimeout(() => {
        settled = true;
        controller.abort();
      }, settleMs);
      return;
    }
    timer = setTimeout(() => {
      idleFired = true;
      controller.abort();
    }, idleMs);
  };
  const onOuterAbort = (): void => controller.abort();
  if (opts.signal?.aborted) controller.abort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const body: Record<string, unknown> = {
    text: input.text,
    allow_sensitive_tools: input.allowSensitiveTools ?? false,
  };
  if (input.sessionLabel !== undefined) body.session_label = input.sessionLabel;
  if (input.originKind !== undefined) body.origin_kind = input.originKind;
  const path = `/console/v1/chat/sessions/${encodeURIComponent(sessionId)}/messages/stream`;
  const state: StreamState = {
    runId: '',
    sessionId,
    text: '',
    status: '',
    complete: false,
    error: null,
    lastStatus: null,
    finalToken: false,
  };

  try {
    armIdle();
    const response = await transport.openStream(path, body, controller.signal, idleMs);
    // Chunks as they arrive off the socket; the abort of `controller` (idle, settle, caller)
    // destroys the body, which makes the pending next() throw.
    const reader = response.body[Symbol.asyncIterator]();
    const splitter = new NdjsonLineSplitter();
    for (;;) {
      let chunk: IteratorResult<Buffer>;
      try {
        chunk = await reader.next();
      } catch (err) {
        if (settled) break;
        throw streamFailure(idleFired, idleMs, opts.signal?.aborted === true, err);
      }
      if (chunk.done) break;
      for (const line of splitter.push(chunk.value))
        handleLine(parseLine(line, response.status), state, opts);
      armIdle();
    }
    const tail = splitter.finish();
    if (tail && !settled) handleLine(parseLine(tail, response.status), state, opts);
  } catch (err) {
    // Once the reply settled after its final token, the abort only closed the held-open stream.
    if (!settled) {
      if (err instanceof GatewayError) {
        if (err.code === 'request_aborted') throw streamFailure(idleFired, idleMs, true, err);
        if (err.code === 'gateway_timeout' && idleFired) throw streamFailure(true, idleMs, false, err);
        throw err;
      }
      throw streamFailure(idleFired, idleMs, opts.signal?.aborted === true, err);
    }
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
  }

  if (settled && !state.complete) {
    state.complete = true;
    state.status = 'done';
  }
  if (!state.complete) {
    throw new GatewayError(
      'stream_interrupted',
      'The gateway closed the chat stream before the reply was complete',
      'The reply may be partial; check the transcript and resend if needed.',
      { retryable: true },
    );
  }
  if (state.error !== null) {
    throw new GatewayError(
      'chat_run_failed',
      `The chat run failed: ${state.error}`,
      'Check the gateway logs (model provider, tool policy) and resend.',
      {
        status: 200,
        retryable: false,
      },
    );
  }
  if (state.status === 'failed') {
    // palyrad ends a cancelled run, and an agent loop it terminated, with a `failed` status event
    // and `complete {status:"failed"}` but no `error` line (application/run_stream/cancellation.rs).
    const reason = state.lastStatus?.kind === 'failed' ? state.lastStatus.message : null;
    const cancelled = reason !== null && /cancel/i.test(reason);
    throw new GatewayError(
      cancelled ? 'chat_run_cancelled' : 'chat_run_failed',
      cancelled
        ? `The chat run was cancelled: ${reason}`
        : `The chat run failed${reason ? `: ${reason}` : ' without a reason'}`,
      cancelled
        ? 'Resend the message if you still want a reply.'
        : 'Check the gateway logs (model provider, tool policy) and resend.',
      { status: 200, retryable: false },
    );
  }
  return { runId: state.runId, sessionId: state.sessionId, text: state.text, status: state.status };
}

function parseLine(line: string, status: number): StreamLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw badReply('chat stream', 'a stream line is not valid JSON', status, err);
  }
  const parsed = streamLineSchema.safeParse(value);
  if (!parsed.success)
    throw badReply('chat stream', 'a stream line has an unexpected shape', status, parsed.error);
  return parsed.data;
}

function handleLine(line: StreamLine, state: StreamState, opts: ChatStreamOptions): void {
  switch (line.type) {
    case 'meta':
      state.runId = line.run_id;
      state.sessionId = line.session_id;
      opts.onMeta?.({ runId: line.run_id, sessionId: line.session_id });
      return;
    case 'error':
      state.error = line.error;
      return;
    case 'complete':
      state.complete = true;
      state.status = line.status;
      if (!state.runId) state.runId = line.run_id;
      return;
    case 'event':
      handleEvent(line.event, state, opts);
  }
}

function handleEvent(event: StreamEvent, state: StreamState, opts: ChatStreamOptions): void {
  const payload = (event as Record<string, unknown>)[event.event_type];
  if (!state.runId) state.runId = event.run_id;
  if (event.event_type === 'model_token') {
    const token = modelTokenPayloadSchema.safeParse(payload);
    if (!token.success) throw badReply('chat stream', 'a model_token event has an unexpected shape', 200);
    state.text += token.data.token;
    if (token.data.is_final) state.finalToken = true;
    opts.onToken?.(token.data.token, token.data.is_final);
  } else if (event.event_type === 'status') {
    const status = statusPayloadSchema.safeParse(payload);
    if (status.success) {
      state.lastStatus = { kind: status.data.kind, message: status.data.message ?? null };
      opts.onStatus?.(status.data.kind, status.data.message ?? null);
    }
  } else if (event.event_type === 'tool_approval_request') {
    const request = toolApprovalRequestPayloadSchema.safeParse(payload);
    if (!request.success)
      throw badReply('chat stream', 'a tool_approval_request has an unexpected shape', 200);
    // The run waits for the operator: the reply is not over until another final token.
    state.finalToken = false;
    opts.onApprovalRequest?.({
      approvalId: request.data.approval_id,
      toolName: request.data.tool_name ?? null,
      prompt: request.data.prompt,
    });
  }
  opts.onEvent?.(event);
}

function streamFailure(idle: boolean, idleMs: number, aborted: boolean, cause: unknown): GatewayError {
  if (idle) {
    return new GatewayError(
      'stream_idle_timeout',
      `The chat stream went silent for ${Math.round(idleMs / 1000)} s`,
      'The gateway may be stuck; check its logs, then resend the message.',
      { retryable: true, cause },
    );
  }
  if (aborted) {
    return new GatewayError(
      'stream_aborted',
      'The chat reply was cancelled',
      'Resend the message when ready.',
      {
        cause,
      },
    );
  }
  return new GatewayError(
    'stream_interrupted',
    'The connection to the gateway broke while the reply was streaming',
    'The reply may be partial; check the transcript and resend if needed.',
    { retryable: true, cause },
  );
}
