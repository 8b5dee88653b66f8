import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfflineDraft } from '../../../main/contract/model';
import { DraftQueue, type DraftSender } from '../../../main/core/drafts/draft-queue';
import { StateStore } from '../../../main/core/state/state-store';

describe('DraftQueue', () => {
  let root: string;
  let state: StateStore;
  let delivered: string[];
  let failNext: number;
  let ids: number;
  const warnings: string[] = [];

  const send: DraftSender = async (draft: OfflineDraft) => {
    if (failNext > 0) {
      failNext -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:1\nsecond line');
    }
    await new Promise((r) => setTimeout(r, 1));
    delivered.push(draft.text);
    return { runId: `run-${draft.draftId}`, sessionId: draft.sessionId };
  };

  function makeQueue(store: StateStore = state): DraftQueue {
    return new DraftQueue({
      state: store,
      send,
      wasDelivered: async (d) => delivered.includes(d.text),
      newId: () => `d${++ids}`,
      onWarning: (m) => warnings.push(m),
    });
  }

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'companion-drafts-'));
    state = await StateStore.open({ stateRoot: root });
    delivered = [];
    failNext = 0;
    ids = 0;
    warnings.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('persists drafts across restarts and flushes them in order, exactly once', async () => {
    const queue = makeQueue();
    for (const text of ['one', 'two', 'three'])
      await queue.enqueue({ sessionId: 's', text, reason: 'offline' });
    const reopened = await StateStore.open({ stateRoot: root });
    const q2 = makeQueue(reopened);
    expect(q2.list().map((d) => d.text)).toEqual(['one', 'two', 'three']);
    // Two concurrent flushes (connected transition + operator click) still deliver each once.
    const [a, b] = await Promise.all([q2.flush(), q2.flush()]);
    expect(delivered).toEqual(['one', 'two', 'three']);
    expect(a).toEqual({ delivered: 3, remaining: 0 });
    expect(b).toEqual({ delivered: 0, remaining: 0 });
  });

  it('a failed send keeps the same draft (attempts+1, lastError), creates no duplicate, and stops the flush', async () => {
    const queue = makeQueue();
    await queue.enqueue({ sessionId: 's', text: 'one', reason: 'offline' });
    await queue.enqueue({ sessionId: 's', text: 'two', reason: 'offline' });
    failNext = 1;
    expect(await queue.flush()).toEqual({ delivered: 0, remaining: 2 });
    const drafts = queue.list();
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({ draftId: 'd1', text: 'one', attempts: 1 });
    expect(drafts[0]!.lastError).toBe('connect ECONNREFUSED 127.0.0.1:1 second line');
    expect(drafts[1]).toMatchObject({ draftId: 'd2', attempts: 0 });
    expect(state.state.drafts[0]!.sendingSinceMs).toBeNull();

    const retry = await queue.resend('d1');
    expect(retry).toMatchObject({ delivered: true, alreadyDelivered: false, runId: 'run-d1' });
    expect(delivered).toEqual(['one']);
    expect(queue.list().map((d) => d.draftId)).toEqual(['d2']);
  });

  it('a draft from a failed send that did reach the gateway is not sent a second time', async () => {
    const queue = makeQueue();
    // The direct send was accepted by the gateway, then its reply stream broke.
    delivered.push('cut mid-reply');
    const draft = await queue.enqueue({
      sessionId: 's',
      text: 'cut mid-reply',
      reason: 'stream_interrupted',
      attempted: true,
    });
    expect(draft).toMatchObject({ attempts: 1, lastError: 'stream_interrupted' });
    // A draft queued while known offline was never sent, so it goes out without a check.
    await queue.enqueue({ sessionId: 's', text: 'typed offline', reason: 'offline' });
    expect(await queue.flush()).toEqual({ delivered: 2, remaining: 0 });
    expect(delivered).toEqual(['cut mid-reply', 'typed offline']);
  });

  it('checks wasDelivered before re-sending a draft that was attempted before', async () => {
    const queue = makeQueue();
    await queue.enqueue({ sessionId: 's', text: 'one', reason: 'offline' });
    // The gateway got it, but the reply was lost (timeout): the send threw.
    let sends = 0;
    const lossy = new DraftQueue({
      state,
      send: async (d) => {
        sends += 1;
        delivered.push(d.text);
        throw new Error('socket hang up');
      },
      wasDelivered: async (d) => delivered.includes(d.text),
    });
    await lossy.flush();
    expect(queue.list()[0]!.attempts).toBe(1);
    const result = await queue.flush();
    expect(result).toEqual({ delivered: 1, remaining: 0 });
    expect(sends).toBe(1);
    expect(delivered).toEqual(['one']);
  });

  it('keeps the draft when the delivery check itself fails', async () => {
    const queue = makeQueue();
    await queue.enqueue({ sessionId: 's', text: 'one', reason: 'offline' });
    failNext = 1;
    await queue.flush();
    const broken = new DraftQueue({
      state,
      send,
      wasDelivered: async () => {
        throw new Error('transcript unavailable');
      },
    });
    expect(await broken.flush()).toEqual({ delivered: 0, remaining: 1 });
    expect(queue.list()[0]!.lastError).toMatch(/Could not check.*transcript unavailable/);
    expect(delivered).toEqual([]);
  });

  it('bounds the queue at 20, evicting the oldest with a warning', async () => {
    const queue = makeQueue();
    for (let i = 1; i <= 22; i += 1)
      await queue.enqueue({ sessionId: null, text: `m${i}`, reason: 'offline' });
    expect(queue.list()).toHaveLength(20);
    expect(queue.list()[0]!.text).toBe('m3');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('"m1"');
  });

  it('refuses to queue when offline drafts are disabled by rollout', async () => {
    await state.update((s) => ({ ...s, rollout: { ...s.rollout, offline_drafts_enabled: false } }));
    await expect(
      makeQueue().enqueue({ sessionId: null, text: 'x', reason: 'offline' }),
    ).rejects.toMatchObject({
      code: 'offline_drafts_disabled',
    });
  });

  it('discards a draft and reports unknown ids', async () => {
    const queue = makeQueue();
    await queue.enqueue({ sessionId: null, text: 'x', reason: 'offline' });
    expect(await queue.discard('d1')).toBe(true);
    expect(await queue.discard('d1')).toBe(false);
    await expect(queue.resend('d1')).rejects.toMatchObject({ code: 'draft_not_found' });
  });
});
