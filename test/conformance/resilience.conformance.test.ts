// Crashes against both targets: palyrad killed mid-reply (the message becomes an offline draft and
// reaches the daemon exactly once, checked on the daemon's own transcript); the companion killed
// (the daemons keep running and the next launch adopts them); SIGINT (nothing left running).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for';
import { SLOW_MARK, startModelServer, type ModelServer } from './support/model-server';
import {
  ensureDefaultAgent,
  conformanceTargets,
  startTarget,
  waitHealthy,
  type RunningTarget,
} from './support/palyra-target';

const targets = conformanceTargets();
/** How long the daemons must outlive a killed companion. */
const ORPHAN_SURVIVAL_MS = 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(targets)('Palyra resilience conformance: $title', ({ kind, skip }) => {
  let model: ModelServer | null = null;
  let target: RunningTarget | null = null;

  const launch = async (stateRoot?: string): Promise<RunningTarget> => {
    const started = await startTarget(kind, model!.env, stateRoot);
    await waitHealthy(started);
    await ensureDefaultAgent(await started.console());
    return started;
  };
  const pids = async (): Promise<Record<string, number>> => {
    const snap = await target!.snapshot();
    const out: Record<string, number> = {};
    for (const s of snap.services) if (s.pid !== null && s.name !== 'nodehost') out[s.name] = s.pid;
    return out;
  };

  beforeAll(async () => {
    if (skip) return;
    model = await startModelServer();
    target = await launch();
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
    await model?.close();
  }, 60_000);

  it.skipIf(skip)(
    'kill -9 palyrad mid-reply: the draft reaches the daemon exactly once',
    async () => {
      const session = await target!.call('chat.createSession', { label: 'crash mid-reply' });
      const before = await pids();
      const sending = target!.call('chat.send', {
        sessionId: session.sessionId,
        text: `${SLOW_MARK} exactly once`,
      });
      await waitFor(
        async () => (await target!.snapshot()).chat.streaming?.runId ?? null,
        'the run to start streaming',
        30_000,
        { intervalMs: 100 },
      );
      process.kill(before.gateway!, 'SIGKILL');
      const sent = await sending;
      expect(sent.queuedDraft).not.toBeNull();
      const draftId = sent.queuedDraft!.draftId;
      await waitFor(
        async () => {
          const snap = await target!.snapshot();
          const gateway = snap.services.find((s) => s.name === 'gateway');
          return (
            gateway?.pid !== before.gateway &&
            snap.drafts.length === 0 &&
            snap.connection.state === 'connected'
          );
        },
        'palyrad restarted and the draft flushed',
        120_000,
        { intervalMs: 250 },
      );
      const check = await target!.console();
      // The product's own console identity owns the session.
      check.cookie = '';
      const login = await check.request('POST', '/console/v1/auth/login', {
        admin_token: target!.adminToken(),
        principal: 'admin:desktop-control-center',
        device_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        channel: null,
      });
      check.csrf = String(login.body.csrf_token);
      const transcript = await check.request(
        'GET',
        `/console/v1/chat/sessions/${session.sessionId}/transcript`,
      );
      const runs = transcript.body.runs as { origin_kind: string }[];
      expect(runs.filter((r) => r.origin_kind === `companion:${draftId}`)).toHaveLength(1);
      expect(runs).toHaveLength(1);
    },
    240_000,
  );

  it.skipIf(skip)(
    'kill -9 of the companion: the daemons keep running, the next launch adopts them',
    async () => {
      const before = await pids();
      const stateRoot = target!.stateRoot;
      const ports = target!.product.ports;
      process.kill(target!.product.pid, 'SIGKILL');
      await new Promise<void>((resolve) => target!.product.child.once('exit', () => resolve()));
      const deadline = Date.now() + ORPHAN_SURVIVAL_MS;
      while (Date.now() < deadline) {
        expect(alive(before.gateway!) && alive(before.browserd!)).toBe(true);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      const health = await fetch(`${target!.gatewayOrigin}/healthz`);
      expect(health.status).toBe(200);
      target = await startTarget(kind, model!.env, stateRoot, ports);
      const snap = await waitHealthy(target);
      const gateway = snap.services.find((s) => s.name === 'gateway')!;
      const why = (await target.call('logs.get', { service: 'gateway', stream: 'supervisor', limit: 20 }))
        .map((l) => l.line)
        .join('\n');
      expect(gateway.pid, why).toBe(before.gateway);
      expect(gateway.adopted).toBe(true);
    },
    240_000,
  );

  it.skipIf(skip)(
    'SIGINT of the companion: nothing it started is left running',
    async () => {
      const before = await pids();
      const product = target!.product;
      product.child.kill('SIGINT');
      await new Promise<void>((resolve) =>
        product.child.exitCode !== null ? resolve() : product.child.once('exit', () => resolve()),
      );
      await waitFor(() => Object.values(before).every((pid) => !alive(pid)), 'every sidecar gone', 30_000, {
        intervalMs: 250,
      });
      rmSync(target!.stateRoot, { recursive: true, force: true });
      target = null;
    },
    120_000,
  );
});
