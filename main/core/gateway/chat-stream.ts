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

export interface ToolApprovalRequest {
  approvalId: string;
  toolName: string | null;
  prompt: z.output<typeof toolApprovalRequestPayloadSchema>['prompt'];
}

export interface ChatStreamOptions {
  /** No total timeout: a reply may stream for minutes. This bounds the silence between chunks. */
  idleTimeoutMs?: number;
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
}

export interface ChatReply {
  runId: string;
  sessionId: string;
  /** The concatenated model tokens. */
  text: string;
  /** The `complete` line's status (`done`, `failed`, …). */
  status: string;
}

/** POST …/messages/stream and parse the NDJSON reply incrementally. */
export async function streamChatReply(
  transport: ConsoleTransport,
  sessionId: string,
  input: ChatMessageInput,
  opts: ChatStreamOptions = {},
): Promise<ChatReply> {
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  const controller = new AbortController();
  let idleFired = false;
  let timer: NodeJS.Timeout | null = null;
  const armIdle = (): void => {
    if (timer) clearTimeout(timer);
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
  const path = `/console/v1/chat/sessions/${encodeURIComponent(sessionId)}/messages/stream`;
  const state = { runId: '', sessionId, text: '', status: '', complete: false, error: null as string | null };

  try {
    armIdle();
    const response = await transport.openStream(path, body, controller.signal, idleMs);
    if (!response.body) throw badReply('chat stream', 'the reply has no body', response.status);
    const reader = response.body.getReader();
    const splitter = new NdjsonLineSplitter();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw streamFailure(idleFired, idleMs, opts.signal?.aborted === true, err);
      }
      if (chunk.done) break;
      armIdle();
      for (const line of splitter.push(chunk.value))
        handleLine(parseLine(line, response.status), state, opts);
    }
    const tail = splitter.finish();
    if (tail) handleLine(parseLine(tail, response.status), state, opts);
  } catch (err) {
    if (err instanceof GatewayError) {
      if (err.code === 'request_aborted') throw streamFailure(idleFired, idleMs, true, err);
      if (err.code === 'gateway_timeout' && idleFired) throw streamFailure(true, idleMs, false, err);
      throw err;
    }
    throw streamFailure(idleFired, idleMs, opts.signal?.aborted === true, err);
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
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

function handleLine(
  line: StreamLine,
  state: {
    runId: string;
    sessionId: string;
    text: string;
    status: string;
    complete: boolean;
    error: string | null;
  },
  opts: ChatStreamOptions,
): void {
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

function handleEvent(
  event: StreamEvent,
  state: { runId: string; text: string },
  opts: ChatStreamOptions,
): void {
  const payload = (event as Record<string, unknown>)[event.event_type];
  if (!state.runId) state.runId = event.run_id;
  if (event.event_type === 'model_token') {
    const token = modelTokenPayloadSchema.safeParse(payload);
    if (!token.success) throw badReply('chat stream', 'a model_token event has an unexpected shape', 200);
    state.text += token.data.token;
    opts.onToken?.(token.data.token, token.data.is_final);
  } else if (event.event_type === 'status') {
    const status = statusPayloadSchema.safeParse(payload);
    if (status.success) opts.onStatus?.(status.data.kind, status.data.message ?? null);
  } else if (event.event_type === 'tool_approval_request') {
    const request = toolApprovalRequestPayloadSchema.safeParse(payload);
    if (!request.success)
      throw badReply('chat stream', 'a tool_approval_request has an unexpected shape', 200);
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
