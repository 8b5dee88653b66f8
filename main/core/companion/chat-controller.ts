// Quick chat: the active session, its transcript and the reply streaming into it. Tokens go to
// the UI as `chat.stream` events the moment they arrive; the snapshot carries the streaming text
// too (throttled) so a UI that connects mid-reply still sees it.
import { randomUUID } from 'node:crypto';
import type {
  ChatMessage,
  ChatSnapshot,
  OfflineDraft,
  SessionView,
  StreamingReply,
} from '../../contract/model';
import type { ChatStreamEvent } from '../../contract/events';
import type { SendResult } from '../../contract/calls';
import { CompanionError } from '../errors';
import type { DraftQueue } from '../drafts/draft-queue';
import type { StateStore } from '../state/state-store';
import { GatewayError, type GatewayClient } from '../gateway';

const MAX_MESSAGES = 200;
/** User messages remembered by run, for transcripts (palyrad does not record console chat input). */
const MAX_SENT_BY_RUN = 500;
const ORIGIN_KIND_PREFIX = 'companion:';

/** The run `origin_kind` a message is sent under: its delivery key, listed with the session's runs. */
export function deliveryOriginKind(deliveryKey: string): string {
  return `${ORIGIN_KIND_PREFIX}${deliveryKey}`;
}
const STREAM_SNAPSHOT_EVERY_MS = 200;
const DEFAULT_SESSION_LABEL = 'Palyra Companion';

export interface ChatControllerDeps {
  client: GatewayClient;
  state: StateStore;
  isConnected: () => boolean;
  onSnapshot: (chat: ChatSnapshot) => void;
  onStream: (event: ChatStreamEvent) => void;
  /** Sessions changed on the gateway (created, new message): refresh the catalog. */
  onSessionsChanged: () => void;
  /** A call failed in a way that says the gateway is gone. */
  onDeliveryFailure: (err: unknown) => void;
  now?: () => number;
}

/** Failures after which the same message can be delivered later (the gateway was away). */
export function isDeliveryFailure(err: unknown): boolean {
  if (err instanceof GatewayError) return err.status === null || err.retryable || err.status >= 500;
  return err instanceof TypeError; // fetch's "fetch failed" and friends
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ChatController {
  private chat: ChatSnapshot;
  private readonly now: () => number;
  private lastStreamPublishMs = 0;
  private localSeq = 0;
  private readonly sentByRun = new Map<string, ChatMessage>();
  drafts: DraftQueue | null = null;

  constructor(private readonly deps: ChatControllerDeps) {
    this.now = deps.now ?? Date.now;
    this.chat = {
      activeSessionId: deps.state.state.activeSessionId,
      messages: [],
      streaming: null,
      error: null,
    };
  }

  snapshot(): ChatSnapshot {
    return this.chat;
  }

  private set(next: Partial<ChatSnapshot>): void {
    this.chat = { ...this.chat, ...next };
    this.deps.onSnapshot(this.chat);
  }

  async selectSession(sessionId: string): Promise<void> {
    if (this.chat.activeSessionId !== sessionId) {
      this.set({ activeSessionId: sessionId, messages: [], error: null });
      await this.deps.state.update((s) =>
        s.activeSessionId === sessionId ? s : { ...s, activeSessionId: sessionId },
      );
    }
    await this.loadTranscript();
  }

  async loadTranscript(): Promise<void> {
    const sessionId = this.chat.activeSessionId;
    if (!sessionId || !this.deps.isConnected()) return;
    try {
      const messages = await this.deps.client.transcript(sessionId, this.sentByRun);
      if (this.chat.activeSessionId === sessionId && !this.chat.streaming) {
        this.set({ messages: messages.slice(-MAX_MESSAGES), error: null });
      }
    } catch (err) {
      if (isDeliveryFailure(err)) this.deps.onDeliveryFailure(err);
      this.set({
        error: {
          code: 'transcript_failed',
          message: `Could not load the transcript: ${describe(err)}`,
          hint: 'It reloads when the gateway is reachable again.',
        },
      });
    }
  }

  async createSession(label?: string): Promise<SessionView> {
    const { session } = await this.deps.client.resolveSession({
      label:
        label?.trim() ||
        `${DEFAULT_SESSION_LABEL} ${new Date(this.now()).toISOString().slice(0, 16).replace('T', ' ')}`,
    });
    this.deps.onSessionsChanged();
    await this.selectSession(session.sessionId);
    return session;
  }

  /** Sends now when connected; otherwise (or when the gateway drops mid-reply) keeps it as a draft. */
  async send(sessionId: string | null, text: string): Promise<SendResult> {
    if (!this.deps.isConnected()) {
      return this.queue(sessionId, text, 'The gateway is not reachable right now.', false);
    }
    const deliveryKey = randomUUID();
    try {
      const delivered = await this.deliver(sessionId, text, deliveryKey);
      return { runId: delivered.runId, sessionId: delivered.sessionId, queuedDraft: null };
    } catch (err) {
      if (!isDeliveryFailure(err)) throw err;
      this.deps.onDeliveryFailure(err);
      // The failed send may still have reached the gateway (cut after it accepted the message):
      // the draft keeps the delivery key so the resend first looks for that run.
      return this.queue(sessionId, text, describe(err), true, deliveryKey);
    }
  }

  private async queue(
    sessionId: string | null,
    text: string,
    reason: string,
    attempted: boolean,
    deliveryKey?: string,
  ): Promise<SendResult> {
    if (!this.drafts)
      throw new CompanionError(
        'drafts_unavailable',
        'Offline drafts are not ready yet.',
        'Try again in a moment.',
      );
    const draft = await this.drafts.enqueue({
      sessionId: sessionId ?? this.chat.activeSessionId,
      text,
      reason,
      attempted,
      ...(deliveryKey ? { draftId: deliveryKey } : {}),
    });
    return { runId: null, sessionId: draft.sessionId, queuedDraft: draft };
  }

  /**
   * Delivers one message with its reply streamed; throws when it could not be delivered. The
   * delivery key (a draft's id) goes with it as the run's origin kind; see `wasDelivered`.
   */
  async deliver(
    sessionId: string | null,
    text: string,
    deliveryKey: string = randomUUID(),
  ): Promise<{ runId: string; sessionId: string }> {
    const target = sessionId ?? this.chat.activeSessionId ?? (await this.createSession()).sessionId;
    if (this.chat.activeSessionId !== target) await this.selectSession(target);
    const userMessage: ChatMessage = {
      id: `local-${++this.localSeq}`,
      role: 'user',
      text,
      atMs: this.now(),
      runId: null,
    };
    const streaming: StreamingReply = {
      sessionId: target,
      runId: null,
      text: '',
      status: 'sending',
      startedAtMs: this.now(),
    };
    this.set({ messages: [...this.chat.messages, userMessage].slice(-MAX_MESSAGES), streaming, error: null });
    const emit = (kind: ChatStreamEvent['kind'], value: string): void =>
      this.deps.onStream({ sessionId: target, runId: this.chat.streaming?.runId ?? null, kind, text: value });
    try {
      const reply = await this.deps.client.sendMessage(
        target,
        { text, originKind: deliveryOriginKind(deliveryKey) },
        {
          onMeta: (meta) => {
            this.rememberSent(meta.runId, { ...userMessage, runId: meta.runId });
            this.updateStreaming({ runId: meta.runId }, true);
          },
          onToken: (token) => {
            const current = this.chat.streaming;
            if (!current) return;
            emit('token', token);
            this.updateStreaming({ text: current.text + token }, false);
          },
          onStatus: (kind) => {
            emit('status', kind);
            this.updateStreaming({ status: kind }, true);
          },
        },
      );
      emit('complete', reply.status);
      const assistant: ChatMessage = {
        id: `run-${reply.runId}`,
        role: 'assistant',
        text: reply.text,
        atMs: this.now(),
        runId: reply.runId,
      };
      this.set({ messages: [...this.chat.messages, assistant].slice(-MAX_MESSAGES), streaming: null });
      this.deps.onSessionsChanged();
      return { runId: reply.runId, sessionId: target };
    } catch (err) {
      emit('error', describe(err));
      // The message is not lost: the caller turns it into a draft (delivery failure) or shows the error.
      this.set({
        messages: this.chat.messages.filter((m) => m.id !== userMessage.id),
        streaming: null,
        error: isDeliveryFailure(err)
          ? null
          : { code: 'send_failed', message: describe(err), hint: 'Fix the problem and send again.' },
      });
      throw err;
    }
  }

  private rememberSent(runId: string, message: ChatMessage): void {
    this.sentByRun.set(runId, message);
    if (this.sentByRun.size > MAX_SENT_BY_RUN) {
      const oldest = this.sentByRun.keys().next().value;
      if (oldest !== undefined) this.sentByRun.delete(oldest);
    }
  }

  private updateStreaming(next: Partial<StreamingReply>, force: boolean): void {
    const current = this.chat.streaming;
    if (!current) return;
    const updated = { ...current, ...next };
    const now = this.now();
    if (force || now - this.lastStreamPublishMs >= STREAM_SNAPSHOT_EVERY_MS) {
      this.lastStreamPublishMs = now;
      this.set({ streaming: updated });
    } else {
      this.chat = { ...this.chat, streaming: updated }; // published with the next forced update
    }
  }

  /**
   * Whether a draft whose earlier attempt may have reached the gateway did: the session lists a
   * run started under the draft's delivery key (its `origin_kind`). The user's text cannot be
   * looked for: palyrad's run stream records only the reply (`message.replied`).
   */
  async wasDelivered(draft: OfflineDraft): Promise<boolean> {
    if (!draft.sessionId) return false;
    const { runs } = await this.deps.client.transcriptRecords(draft.sessionId);
    const originKind = deliveryOriginKind(draft.draftId);
    return runs.some((run) => run.origin_kind === originKind);
  }
}
