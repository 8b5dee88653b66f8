// The gateway is SIGKILLed while it streams a reply. The client must report the interruption on
// the chat stream, keep the message as a draft instead of throwing, and once the supervisor has
// restarted the gateway deliver that draft exactly once (the gateway already holds the message,
// so a blind resend would duplicate it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../main/contract';
import type { Companion } from '../../main/core/companion';
import { isProcessAlive } from '../../main/core/process/procfs';
import { startDemoCore, type DemoCore } from '../support/demo-core';
import { waitFor } from '../support/wait-for';
import { cmdlineOf, killAllMentioning, processesMentioning } from './chaos-harness';

let demo: DemoCore;
let dir: string;
let core: Companion | null = null;
const savedDelay = process.env.PALYRA_SIM_TOKEN_DELAY_MS;

beforeEach(async () => {
  // The simulator sidecars inherit this: a slow reply leaves time to kill the gateway mid-stream.
  process.env.PALYRA_SIM_TOKEN_DELAY_MS = '150';
  try {
    demo = await startDemoCore({ tmpPrefix: 'companion-midstream-' });
    ({ dir, core } = demo);
  } finally {
    if (savedDelay === undefined) delete process.env.PALYRA_SIM_TOKEN_DELAY_MS;
    else process.env.PALYRA_SIM_TOKEN_DELAY_MS = savedDelay;
  }
});

afterEach(async () => {
  await core?.shutdown();
  core = null;
  killAllMentioning(dir);
  await demo.stop();
});

describe('gateway SIGKILLed while a reply streams', () => {
  it('reports the break, queues the message as a draft and delivers it exactly once after the restart', async () => {
    const c = core!;
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);
    const session = await c.handlers['chat.createSession']({ label: 'mid-stream' });
    const text = `mid-stream ${Date.now()} ${Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')}`;

    const events: ChatStreamEvent[] = [];
    let killedPid: number | null = null;
    c.subscribe((event, payload) => {
      if (event !== 'chat.stream') return;
      const e = payload as ChatStreamEvent;
      events.push(e);
      if (e.kind === 'token' && killedPid === null) {
        const gateway = c.snapshot().services.find((s) => s.kind === 'gateway');
        killedPid = gateway?.pid ?? -1;
        if (gateway?.pid) process.kill(gateway.pid, 'SIGKILL');
      }
    });

    // A send interrupted mid-stream must resolve (as a queued draft), never throw.
    const sent = await c.handlers['chat.send']({ sessionId: session.sessionId, text });
    expect(killedPid, 'the gateway pid was known when the first token arrived').toBeGreaterThan(0);
    await waitFor(() => !isProcessAlive(killedPid!), 'the killed gateway gone');
    const kinds = events.map((e) => e.kind);
    expect(kinds, 'the stream reported the interruption').toContain('error');
    expect(kinds.indexOf('token')).toBeLessThan(kinds.indexOf('error'));
    expect(kinds, 'a killed stream cannot have completed').not.toContain('complete');
    expect(sent.runId).toBeNull();
    expect(sent.queuedDraft?.text).toBe(text);
    expect(c.snapshot().drafts.map((d) => d.text)).toContain(text);

    // The supervisor restarts the gateway; reconnecting flushes the draft.
    await waitFor(
      () => {
        const gw = c.snapshot().services.find((s) => s.kind === 'gateway');
        return gw?.pid && gw.pid !== killedPid && gw.health === 'healthy';
      },
      'a new healthy gateway',
      30_000,
    );
    await waitFor(() => c.snapshot().connection.state === 'connected', 'reconnected', 30_000);
    await waitFor(() => c.snapshot().drafts.length === 0, 'draft delivered', 30_000);

    await c.handlers['chat.selectSession']({ sessionId: session.sessionId });
    const fromUser = c.snapshot().chat.messages.filter((m) => m.role === 'user' && m.text === text);
    expect(
      fromUser.length,
      `user messages: ${JSON.stringify(c.snapshot().chat.messages.map((m) => [m.role, m.text.slice(0, 30)]))}`,
    ).toBe(1);

    await c.shutdown();
    core = null;
    await waitFor(() => processesMentioning(dir).length === 0, 'every sidecar gone', 15_000).catch(() => {
      throw new Error(`left running: ${processesMentioning(dir).map(cmdlineOf).join(' | ')}`);
    });
  }, 60_000);
});
