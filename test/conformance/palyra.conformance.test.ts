// One suite, two targets: the product (core + headless host, launched like `npm start`) against
// the gateway simulator, always, and against the real Palyra daemons when
// PALYRA_DESKTOP_PALYRAD_BIN, PALYRA_DESKTOP_BROWSERD_BIN and PALYRA_DESKTOP_PALYRA_BIN are set.
// Every check is the same on both targets: where they differed, the simulator was fixed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for';
import {
  ensureDefaultAgent,
  conformanceTargets,
  startTarget,
  waitHealthy,
  type ConsoleClient,
  type RunningTarget,
} from './support/palyra-target';

const targets = conformanceTargets();

describe.each(targets)('Palyra conformance: $title', ({ kind, skip }) => {
  let target: RunningTarget | null = null;
  let console: ConsoleClient;

  beforeAll(async () => {
    if (skip) return;
    target = await startTarget(kind);
    await waitHealthy(target);
    console = await target.console();
    await ensureDefaultAgent(console);
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
  }, 60_000);

  it.skipIf(skip)('launch: palyrad and browserd /healthz healthy, the version shown', async () => {
    const snap = await target!.snapshot();
    const gateway = snap.services.find((s) => s.name === 'gateway')!;
    expect(gateway.version).toMatch(/^\d+\.\d+\.\d+/);
    const health = await fetch(`${target!.gatewayOrigin}/healthz`);
    expect(await health.json()).toMatchObject({ service: 'palyrad', status: 'ok' });
    const browserd = await fetch(`http://127.0.0.1:${target!.product.ports.browserdHealth}/healthz`);
    expect(await browserd.json()).toMatchObject({ service: 'palyra-browserd', status: 'ok' });
    // The node RPC listener: TCP on the gateway gRPC port + 1.
    const nodeRpcPort = target!.product.ports.gatewayGrpc + 1;
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect(nodeRpcPort, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(connected).toBe(true);
  });

  it.skipIf(skip)('console login, CSRF, logout and re-login', async () => {
    const check = await target!.console();
    const session = await check.request('GET', '/console/v1/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ principal: 'admin:desktop-control-center' });
    // A state-changing call without the CSRF header is refused.
    const noCsrf = await check.request(
      'POST',
      '/console/v1/chat/sessions',
      { session_label: 'x' },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect((await check.request('POST', '/console/v1/auth/logout', {})).status).toBe(200);
    const after = await check.request('GET', '/console/v1/auth/session');
    expect([401, 403]).toContain(after.status);
    expect((await check.login()).status).toBe(200);
    expect((await check.request('GET', '/console/v1/auth/session')).status).toBe(200);
  });

  it.skipIf(skip)(
    'chat: echo streamed, transcript read back with the user and assistant messages',
    async () => {
      const text = 'conformance echo check';
      const sent = await target!.call('chat.send', { sessionId: null, text });
      expect(sent.runId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      const snap = await target!.snapshot();
      expect(snap.chat.messages.slice(-2).map((m) => [m.role, m.text])).toEqual([
        ['user', text],
        ['assistant', text],
      ]);
      // What the daemon itself recorded: the reply, the run under the companion's delivery key,
      // and no `message.received` for console chat.
      const runs = await readRuns(target!, sent.sessionId!);
      expect(runs.map((r) => r.run_id)).toContain(sent.runId);
      expect(runs.find((r) => r.run_id === sent.runId)!.origin_kind).toMatch(/^companion:/);
    },
  );

  it.skipIf(skip)(
    'chat sessions list and approvals list filters are accepted as palyrad accepts them',
    async () => {
      const sessions = await console.request('GET', '/console/v1/chat/sessions?limit=5');
      expect(sessions.status).toBe(200);
      expect(sessions.body).toHaveProperty('next_after_session_key');
      expect(sessions.body.page).toMatchObject({ limit: 5 });
      const future = Date.now() + 3_600_000;
      const since = await console.request('GET', `/console/v1/approvals?since_unix_ms=${future}`);
      expect(since.status).toBe(200);
      expect(since.body).toMatchObject({ approvals: [], next_after_approval_id: null });
      // The cursor is compared as text: any string is accepted.
      const after = await console.request(
        'GET',
        '/console/v1/approvals?after_approval_id=not-a-ulid&limit=1',
      );
      expect(after.status).toBe(200);
      expect(after.body.page).toMatchObject({ limit: 1 });
      const badDecision = await console.request('GET', '/console/v1/approvals?decision=pending');
      expect(badDecision.status).toBe(400);
      const filters = await console.request(
        'GET',
        `/console/v1/approvals?until_unix_ms=${future}&principal=nobody&subject_id=tool:none`,
      );
      expect(filters.body).toMatchObject({ approvals: [] });
    },
  );

  it.skipIf(skip)(
    'a cancelled run (failed status, complete failed, no error line) is shown as failed',
    async () => {
      const error = await target!.callError('chat.send', { sessionId: null, text: '/cancel' });
      expect(error).toMatch(/cancelled/i);
      const snap = await target!.snapshot();
      expect(snap.chat.error?.message).toMatch(/cancelled/i);
      const runs = await readRuns(target!, snap.chat.activeSessionId!);
      expect(runs.at(-1)).toMatchObject({ state: 'cancelled' });
    },
  );

  it.skipIf(skip)('dashboard hand-off: mint, consume (303), one session, a second use refused', async () => {
    const minted = await console.request('POST', '/console/v1/auth/browser-handoff', { redirect_path: '' });
    expect(minted.status).toBe(200);
    const url = String(minted.body.handoff_url);
    expect(new URL(url).origin).toBe(target!.gatewayOrigin);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    const token = new URL(url).searchParams.get('token');
    const post = (): Promise<Response> =>
      fetch(`${target!.gatewayOrigin}/console/v1/auth/browser-handoff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.getSetCookie().some((c) => c.startsWith('palyra_console_session='))).toBe(true);
    expect((await post()).status).toBe(403);
  });

  it.skipIf(skip)('a product dashboard.open mints a URL for this gateway', async () => {
    const opened = await target!.call('dashboard.open', { section: 'approvals' });
    expect(new URL(opened.url).origin).toBe(target!.gatewayOrigin);
  });
});

/** The session's runs as the daemon lists them, read with the product's own console identity. */
async function readRuns(
  target: RunningTarget,
  sessionId: string,
): Promise<{ run_id: string; origin_kind: string; state: string }[]> {
  return waitFor(
    async () => {
      const client = await target.console();
      // The product logs in as the desktop device; sessions are scoped to it.
      client.cookie = '';
      const login = await client.request('POST', '/console/v1/auth/login', {
        admin_token: target.adminToken(),
        principal: 'admin:desktop-control-center',
        device_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
        channel: null,
      });
      client.csrf = String(login.body.csrf_token);
      const reply = await client.request('GET', `/console/v1/chat/sessions/${sessionId}/transcript`);
      const runs = reply.body.runs as { run_id: string; origin_kind: string; state: string }[] | undefined;
      const records = (reply.body.records ?? []) as { event_type: string }[];
      if (records.some((r) => r.event_type === 'message.received'))
        throw new Error('message.received recorded');
      return runs && runs.length > 0 ? runs : null;
    },
    'the run in the transcript',
    20_000,
    { intervalMs: 250 },
  );
}
