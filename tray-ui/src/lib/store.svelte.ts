// The UI's single source of truth: one `snapshot.get`, then events applied in order (no polling).
// The snapshot is held as raw state and replaced per patch: patches replace top-level keys, and
// approvals arrive as per-approval patches applied through a keyed map (one decision among
// 10,000 costs a binary search and a splice, not a rebuild); deep proxies would only cost time.
import { ContractError } from '../../../main/contract/client';
import type { CallName, CallParams, CallResult } from '../../../main/contract/calls';
import { applyPatch, type ChatStreamEvent } from '../../../main/contract/events';
import type {
  ActionableError,
  CompanionSnapshot,
  LogLine,
  OfflineDraft,
  StreamingReply,
  View,
} from '../../../main/contract/model';
import type { ApprovalView } from '../../../main/contract/model';
import type { LinkStatus, TrayClient } from './client/tray-client';

/** Live log lines kept in the UI (the view renders only the newest few hundred). */
export const logCapacity = 2000;

export interface LiveStream extends StreamingReply {
  finished: boolean;
  error: string | null;
}

export class CompanionStore {
  snapshot = $state.raw<CompanionSnapshot | null>(null);
  view = $state<View>('health');
  /** The approval the shell asked to show (notification click). */
  focusApprovalId = $state<string | null>(null);
  link = $state.raw<LinkStatus>({ state: 'connecting', attempt: 0, nextRetryAtMs: null, lastError: null });
  logs = $state.raw<LogLine[]>([]);
  stream = $state.raw<LiveStream | null>(null);
  loadError = $state.raw<ActionableError | null>(null);
  /** Keyed by the action (e.g. `service.start:gateway`): true while the call is in flight. */
  pending = $state<Record<string, boolean>>({});
  /** Keyed like `pending`: the last failure of that action. */
  errors = $state<Record<string, ActionableError>>({});
  private readonly unsubscribers: (() => void)[] = [];
  private started = false;
  /** id → approval of `snapshot.approvals`, kept in step with it; `snapshot` is what is reactive. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly approvalIndex = new Map<string, ApprovalView>();

  constructor(readonly client: TrayClient) {}

  get transport(): TrayClient['transport'] {
    return this.client.transport;
  }

  /** Subscribes first so nothing between the snapshot and the subscription is lost. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const c = this.client;
    this.unsubscribers.push(
      c.onLink((status) => {
        const reopened = status.state === 'open' && this.link.state !== 'open' && this.snapshot !== null;
        this.link = status;
        // The host re-sends `snapshot` after a reconnect; asking as well covers a host that does not.
        if (reopened) void this.load();
      }),
      c.on('snapshot', (snapshot) => this.replaceSnapshot(snapshot)),
      c.on('snapshot.patch', (patch) => {
        if (!this.snapshot) return;
        const next = applyPatch(this.snapshot, patch, this.approvalIndex);
        if (next === this.snapshot) return;
        this.snapshot = next;
        if (patch.chat) this.reconcileStream();
      }),
      c.on('log.lines', (lines) => this.appendLogs(lines)),
      c.on('chat.stream', (event) => this.applyStream(event)),
      c.on('navigate', ({ view, approvalId }) => {
        this.view = view;
        this.focusApprovalId = approvalId ?? null;
      }),
    );
    await this.load();
  }

  stop(): void {
    for (const off of this.unsubscribers.splice(0)) off();
    this.started = false;
  }

  async load(): Promise<void> {
    try {
      const snapshot = await this.client.call('snapshot.get', {});
      this.replaceSnapshot(snapshot);
      this.loadError = null;
    } catch (err) {
      this.loadError = asActionable(err);
    }
  }

  /** Runs a call, tracking busy and error state under `key`. Returns null when it failed. */
  async act<K extends CallName>(key: string, name: K, params: CallParams<K>): Promise<CallResult<K> | null> {
    this.pending[key] = true;
    delete this.errors[key];
    try {
      return await this.client.call(name, params);
    } catch (err) {
      this.errors[key] = asActionable(err);
      return null;
    } finally {
      delete this.pending[key];
    }
  }

  /** One pending approval by id (notification clicks, cards), without scanning the list. */
  approval(approvalId: string): ApprovalView | undefined {
    return this.approvalIndex.get(approvalId);
  }

  /** A new send starts from a clean slate (an old error or finished reply is not "current"). */
  clearFinishedStream(): void {
    if (this.stream?.finished) this.stream = null;
  }

  clearError(key: string): void {
    delete this.errors[key];
  }

  /** Drafts to show: the snapshot's, plus one a send just queued if its patch has not arrived yet. */
  mergeDraft(draft: OfflineDraft): void {
    const s = this.snapshot;
    if (!s || s.drafts.some((d) => d.draftId === draft.draftId)) return;
    this.snapshot = { ...s, drafts: [...s.drafts, draft] };
  }

  private replaceSnapshot(snapshot: CompanionSnapshot): void {
    const first = this.snapshot === null;
    if (this.snapshot && snapshot.revision < this.snapshot.revision) return;
    this.snapshot = snapshot;
    this.approvalIndex.clear();
    for (const a of snapshot.approvals) this.approvalIndex.set(a.approvalId, a);
    this.appendLogs(snapshot.logsTail);
    this.reconcileStream();
    if (first && !snapshot.onboarding.completed && this.view === 'health') this.view = 'onboarding';
  }

  private appendLogs(lines: LogLine[]): void {
    const lastSeq = this.logs.length > 0 ? this.logs[this.logs.length - 1]!.seq : -Infinity;
    const fresh = lines.filter((l) => l.seq > lastSeq);
    if (fresh.length === 0) return;
    const merged = this.logs.concat(fresh);
    this.logs = merged.length > logCapacity ? merged.slice(merged.length - logCapacity) : merged;
  }

  private applyStream(event: ChatStreamEvent): void {
    const current = this.stream;
    const same = current !== null && current.sessionId === event.sessionId && current.runId === event.runId;
    const base: LiveStream =
      same && current
        ? current
        : {
            sessionId: event.sessionId,
            runId: event.runId,
            text: '',
            status: 'streaming',
            startedAtMs: Date.now(),
            finished: false,
            error: null,
          };
    switch (event.kind) {
      case 'token':
        this.stream = { ...base, text: base.text + event.text };
        break;
      case 'status':
        this.stream = { ...base, status: event.text };
        break;
      case 'complete':
        this.stream = { ...base, status: 'complete', finished: true };
        this.reconcileStream();
        break;
      case 'error':
        this.stream = { ...base, status: 'error', finished: true, error: event.text };
        break;
    }
  }

  /**
   * Core's snapshot may lag the token events or lead them (after a reconnect). Keep whichever text
   * is longer, and drop a finished stream once the transcript holds the reply.
   */
  private reconcileStream(): void {
    const chat = this.snapshot?.chat;
    if (!chat) return;
    const live = this.stream;
    const fromCore = chat.streaming;
    if (fromCore && (!live || live.runId !== fromCore.runId || fromCore.text.length > live.text.length)) {
      this.stream = {
        ...fromCore,
        finished: false,
        error: null,
        ...(live && live.runId === fromCore.runId ? { startedAtMs: live.startedAtMs } : {}),
      };
      return;
    }
    if (
      live &&
      live.finished &&
      !live.error &&
      chat.messages.some((m) => m.role === 'assistant' && m.runId === live.runId)
    ) {
      this.stream = null;
    }
  }
}

export function asActionable(err: unknown): ActionableError {
  if (err instanceof ContractError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'ui_error', message, hint: 'Try again; if it keeps failing, restart the companion.' };
}
