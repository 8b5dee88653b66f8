// The whole core against the gateway simulator, run as real sidecar processes through the same
// launch path as palyrad: health, chat streaming, approvals, drafts across a gateway outage,
// the dashboard hand-off, and a clean shutdown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatStreamEvent, CompanionSnapshot } from '../../../main/contract';
import type { Companion } from '../../../main/core/companion';
import { isProcessAlive } from '../../../main/core/process/procfs';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { allHealthy } from '../../support/all-healthy';
import { waitFor } from '../../support/wait-for';

let demo: DemoCore;
let core: Companion | null = null;

async function simControl(path: string, body?: unknown): Promise<unknown> {
  const res = await demo.simulator(path, body);
  expect(res.ok).toBe(true);
  return res.json();
}

const healthy = (snap: CompanionSnapshot): boolean => allHealthy(snap, 3);

beforeEach(async () => {
  demo = await startDemoCore();
  core = demo.core;
});

afterEach(async () => {
  await demo.stop();
  core = null;
});

describe('companion core in demo mode', () => {
  it('starts all three sidecars healthy, connects, and onboarding reflects it', async () => {
    const c = core!;
    await waitFor(() => healthy(c.snapshot()), 'all sidecars healthy');
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected');
    const snap = c.snapshot();
    expect(snap.overall).toBe('healthy');
    expect(snap.keychain.backend).toBe('memory'); // demo tokens are never stored
    const steps = Object.fromEntries(snap.onboarding.steps.map((s) => [s.key, s.status]));
    expect(steps).toMatchObject({
      binaries: 'complete',
      keychain: 'complete',
      sidecars: 'complete',
      gateway: 'complete',
    });
    expect(steps.welcome).toBe('current');
    await c.handlers['onboarding.acknowledgeWelcome']({});
    await c.handlers['onboarding.setStateRoot']({ path: null });
    // Palyra's optional provider steps are skipped here; the hand-off completes the wizard.
    expect(c.snapshot().onboarding.completed).toBe(false);
    await c.handlers['onboarding.skipStep']({ step: 'openai', skipped: true });
    await c.handlers['onboarding.skipStep']({ step: 'discord', skipped: true });
    await c.handlers['dashboard.open']({});
    await waitFor(() => c.snapshot().onboarding.completed, 'onboarding completed');
  });

  it('streams a chat reply token by token and records the transcript', async () => {
    const c = core!;
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected');
    const events: ChatStreamEvent[] = [];
    c.subscribe((event, payload) => {
      if (event === 'chat.stream') events.push(payload as ChatStreamEvent);
    });
    const session = await c.handlers['chat.createSession']({ label: 'core test' });
    const result = await c.handlers['chat.send']({
      sessionId: session.sessionId,
      text: 'hello from the companion',
    });
    expect(result.runId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const tokens = events.filter((e) => e.kind === 'token');
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.map((t) => t.text).join('')).toContain('hello from the companion');
    expect(events.at(-1)?.kind).toBe('complete');
    const messages = c.snapshot().chat.messages;
    expect(messages.at(-1)?.role).toBe('assistant');
  });

  it('shows a raised approval and sends exactly the chosen decision', async () => {
    const c = core!;
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected');
    const notified: string[] = [];
    c.onNativeNotification((n) => notified.push(n.kind));
    await simControl('/__sim/approvals', { title: 'Run shell command', risk_level: 'high' });
    const approval = await waitFor(
      () => c.snapshot().approvals.find((a) => a.title === 'Run shell command'),
      'approval in snapshot',
    );
    await c.handlers['approval.decide']({
      approvalId: approval.approvalId,
      approved: true,
      scope: 'session',
    });
    const decisions = (await simControl('/__sim/decisions')) as { decisions: unknown[] } | unknown[];
    const list = Array.isArray(decisions) ? decisions : decisions.decisions;
    expect(list).toEqual([
      expect.objectContaining({
        approval_id: approval.approvalId,
        approved: true,
        decision_scope: 'session',
      }),
    ]);
    await waitFor(
      () => !c.snapshot().approvals.some((a) => a.approvalId === approval.approvalId),
      'approval gone',
    );
    // Demo mode raises its own approval at start-up, so the burst may be grouped into one toast.
    await waitFor(() => notified.some((k) => k.startsWith('approval')), 'native approval notification');
  });

  it('keeps a message typed while the gateway is down as a draft and delivers it once after restart', async () => {
    const c = core!;
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected');
    const session = await c.handlers['chat.createSession']({ label: 'drafts' });
    const gateway = c.snapshot().services.find((s) => s.kind === 'gateway')!;
    process.kill(gateway.pid!, 'SIGKILL');
    await waitFor(() => c.snapshot().connection.state !== 'connected', 'connection lost');
    const sent = await c.handlers['chat.send']({ sessionId: session.sessionId, text: 'typed while offline' });
    expect(sent.queuedDraft).not.toBeNull();
    expect(c.snapshot().drafts.map((d) => d.text)).toContain('typed while offline');
    // The supervisor restarts the gateway; reconnecting flushes the draft exactly once.
    await waitFor(() => c.snapshot().connection.state === 'connected', 'reconnected', 30_000);
    await waitFor(() => c.snapshot().drafts.length === 0, 'draft delivered', 30_000);
    expect(c.snapshot().drafts).toEqual([]);
  });

  it('builds a one-use dashboard hand-off URL on the gateway origin', async () => {
    const c = core!;
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected');
    const { url } = await c.handlers['dashboard.open']({ section: 'approvals' });
    const parsed = new URL(url);
    expect(parsed.origin).toBe(demo.gatewayOrigin);
    expect(parsed.searchParams.get('token')).toBeTruthy();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
  });

  it('stops every sidecar on shutdown, leaving no process behind', async () => {
    const c = core!;
    await waitFor(() => healthy(c.snapshot()), 'all sidecars healthy');
    const pids = c.snapshot().services.map((s) => s.pid!);
    await c.shutdown();
    core = null;
    for (const pid of pids) expect(isProcessAlive(pid)).toBe(false);
  });
});
