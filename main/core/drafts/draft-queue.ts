// Messages typed while the gateway was unreachable. They are persisted in state.json, delivered
// in order, exactly once: one flush at a time, a `sending` marker written before each attempt,
// and an injected delivery check before re-sending anything that may already have arrived.
import { randomUUID } from 'node:crypto';
import type { OfflineDraft } from '../../contract/model';
import { CompanionError } from '../errors';
import { MAX_DRAFTS, type StoredDraft } from '../state/schema';
import type { StateStore } from '../state/state-store';

export interface DraftSendOutcome {
  runId: string | null;
  sessionId: string | null;
}

/** Delivers one draft to the gateway; resolves only once the gateway accepted it. */
export type DraftSender = (draft: OfflineDraft) => Promise<DraftSendOutcome>;
/** True when the gateway already has this draft (core looks for it in the session transcript). */
export type DeliveryCheck = (draft: OfflineDraft) => Promise<boolean>;

export interface DraftQueueOptions {
  state: StateStore;
  send: DraftSender;
  wasDelivered: DeliveryCheck;
  now?: () => number;
  newId?: () => string;
  onWarning?: (message: string) => void;
}

export interface DraftAttempt {
  draftId: string;
  delivered: boolean;
  /** Already on the gateway from an earlier, interrupted attempt; nothing was re-sent. */
  alreadyDelivered: boolean;
  runId: string | null;
  sessionId: string | null;
  error: string | null;
}

function toPublic(draft: StoredDraft): OfflineDraft {
  const { sendingSinceMs: _marker, ...rest } = draft;
  return rest;
}

function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // Drafts are persisted and shown: keep it one short line.
  return message.replace(/[\r\n\t]+/g, ' ').slice(0, 500);
}

export class DraftQueue {
  private readonly now: () => number;
  private readonly newId: () => string;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DraftQueueOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
  }

  list(): OfflineDraft[] {
    return this.options.state.state.drafts.map(toPublic);
  }

  /**
   * Queues a message that could not be sent. Evicts the oldest draft beyond 20, with a warning.
   * `attempted`: the message was already sent once and the send failed (timeout, stream cut after
   * the gateway accepted it, …). It may have arrived, so that counts as an attempt and the first
   * resend checks the transcript instead of sending a second copy.
   */
  async enqueue(input: {
    sessionId: string | null;
    text: string;
    reason: string;
    attempted?: boolean;
    /** The id the failed attempt was sent under (its delivery key), so the check can find it. */
    draftId?: string;
  }): Promise<OfflineDraft> {
    const { state } = this.options;
    if (!state.state.rollout.offline_drafts_enabled) {
      throw new CompanionError(
        'offline_drafts_disabled',
        'The gateway is unreachable and offline drafts are turned off, so the message was not sent or kept.',
        'Copy the message, wait for the gateway to come back, or enable offline drafts in Settings.',
      );
    }
    const draft: StoredDraft = {
      draftId: input.draftId ?? this.newId(),
      sessionId: input.sessionId,
      text: input.text,
      reason: describeError(input.reason),
      createdAtMs: this.now(),
      attempts: input.attempted ? 1 : 0,
      lastError: input.attempted ? describeError(input.reason) : null,
      sendingSinceMs: null,
    };
    let evicted: StoredDraft[] = [];
    await state.update((s) => {
      const all = [...s.drafts, draft];
      evicted = all.slice(0, Math.max(0, all.length - MAX_DRAFTS));
      return { ...s, drafts: all.slice(all.length - Math.min(all.length, MAX_DRAFTS)) };
    });
    for (const old of evicted) {
      this.options.onWarning?.(
        `The offline draft queue is full (${MAX_DRAFTS}); the oldest draft (${JSON.stringify(old.text.slice(0, 40))}) was discarded.`,
      );
    }
    return toPublic(draft);
  }

  /** Sends every draft in order; stops at the first failure so order is kept. */
  flush(): Promise<{ delivered: number; remaining: number }> {
    return this.exclusive(async () => {
      let delivered = 0;
      for (;;) {
        const next = this.options.state.state.drafts[0];
        if (!next) break;
        const attempt = await this.deliver(next);
        if (!attempt.delivered) break;
        delivered += 1;
      }
      return { delivered, remaining: this.options.state.state.drafts.length };
    });
  }

  /** Sends one draft now (operator's Resend), under the same lock as flush. */
  resend(draftId: string): Promise<DraftAttempt> {
    return this.exclusive(async () => {
      const draft = this.options.state.state.drafts.find((d) => d.draftId === draftId);
      if (!draft) {
        throw new CompanionError(
          'draft_not_found',
          'That draft is no longer queued (it was already delivered or discarded).',
          'Check the chat transcript; nothing was sent.',
        );
      }
      return this.deliver(draft);
    });
  }

  discard(draftId: string): Promise<boolean> {
    return this.exclusive(async () => {
      let found = false;
      await this.options.state.update((s) => {
        found = s.drafts.some((d) => d.draftId === draftId);
        return found ? { ...s, drafts: s.drafts.filter((d) => d.draftId !== draftId) } : s;
      });
      return found;
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task, task);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async deliver(draft: StoredDraft): Promise<DraftAttempt> {
    const base = { draftId: draft.draftId, runId: null, sessionId: draft.sessionId };
    // An earlier attempt may have reached the gateway before we died or timed out.
    if (draft.sendingSinceMs !== null || draft.attempts > 0) {
      let already: boolean;
      try {
        already = await this.options.wasDelivered(toPublic(draft));
      } catch (err) {
        const error = `Could not check whether an earlier attempt arrived: ${describeError(err)}`;
        await this.patch(draft.draftId, (d) => ({ ...d, lastError: error }));
        return { ...base, delivered: false, alreadyDelivered: false, error };
      }
      if (already) {
        await this.remove(draft.draftId);
        return { ...base, delivered: true, alreadyDelivered: true, error: null };
      }
    }
    await this.patch(draft.draftId, (d) => ({ ...d, sendingSinceMs: this.now() }));
    let outcome: DraftSendOutcome;
    try {
      outcome = await this.options.send(toPublic(draft));
    } catch (err) {
      const error = describeError(err);
      // Same draft, one more attempt: never a second copy (Palyra's duplicate-draft bug).
      await this.patch(draft.draftId, (d) => ({
        ...d,
        sendingSinceMs: null,
        attempts: d.attempts + 1,
        lastError: error,
      }));
      return { ...base, delivered: false, alreadyDelivered: false, error };
    }
    await this.remove(draft.draftId);
    return {
      ...base,
      delivered: true,
      alreadyDelivered: false,
      runId: outcome.runId,
      sessionId: outcome.sessionId,
      error: null,
    };
  }

  private async patch(draftId: string, change: (d: StoredDraft) => StoredDraft): Promise<void> {
    await this.options.state.update((s) => {
      const index = s.drafts.findIndex((d) => d.draftId === draftId);
      if (index < 0) return s;
      const drafts = s.drafts.slice();
      drafts[index] = change(drafts[index]!);
      return { ...s, drafts };
    });
  }

  private async remove(draftId: string): Promise<void> {
    await this.options.state.update((s) =>
      s.drafts.some((d) => d.draftId === draftId)
        ? { ...s, drafts: s.drafts.filter((d) => d.draftId !== draftId) }
        : s,
    );
  }
}
