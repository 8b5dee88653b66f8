import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient, GatewayError } from '../../../main/core/gateway';
import { ADMIN_TOKEN, clientFor, failure, type RunningSimulator, startSimulator } from './simulator-process';
import { freePort } from '../../support/ports';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

describe('gateway client against the simulator: health, auth, errors', () => {
  it('reads /healthz and logs in with cookie + CSRF, with security headers on console replies', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const health = await client.health();
    expect(health).toMatchObject({ service: 'palyrad', status: 'ok', version: '0.1.0' });
    const session = await client.session();
    expect(session.principal).toBe('admin:desktop-control-center');
    expect(session.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const raw = await fetch(`${sim.baseUrl}/console/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        admin_token: ADMIN_TOKEN,
        principal: 'admin:x',
        device_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      }),
    });
    expect(raw.headers.get('cache-control')).toBe('no-store');
    expect(raw.headers.get('x-frame-options')).toBe('DENY');
    expect(raw.headers.getSetCookie()[0]).toMatch(
      /^palyra_console_session=[A-Za-z0-9_-]{43}; Max-Age=1800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });

  it('answers 403 without cookie or CSRF, and the client re-logs in once after CSRF rotation', async () => {
    sim = await startSimulator();
    const noCookie = await fetch(`${sim.baseUrl}/console/v1/approvals`);
    expect(noCookie.status).toBe(403);
    expect(await noCookie.json()).toMatchObject({ code: 'forbidden', category: 'policy', retryable: false });

    const client = clientFor(sim);
    await client.resolveSession({ label: 'first' });
    expect(client.transport.loginCount).toBe(1);
    await sim.control('POST', '/__sim/sessions/rotate-csrf');
    const { session } = await client.resolveSession({ label: 'second' });
    expect(session.label).toBe('second');
    expect(client.transport.loginCount).toBe(2);
  });

  it('re-logs in after the session expired (sliding TTL shortened for the test)', async () => {
    sim = await startSimulator({ PALYRA_SIM_SESSION_TTL_MS: '700' });
    const client = clientFor(sim);
    await client.listSessions();
    await new Promise((r) => setTimeout(r, 1200));
    await client.listSessions();
    expect(client.transport.loginCount).toBe(2);
    const stats = await sim.control<{ logins: number }>('GET', '/__sim/stats');
    expect(stats.logins).toBe(2);
  });

  it('slides the session expiry: steady use within the TTL never needs a new login', async () => {
    sim = await startSimulator({ PALYRA_SIM_SESSION_TTL_MS: '3000' });
    const client = clientFor(sim);
    for (let i = 0; i < 10; i += 1) {
      await client.listSessions();
      await new Promise((r) => setTimeout(r, 500));
    }
    // 5 s in total, well past the TTL: only the refreshed cookie kept the session alive.
    expect(client.transport.loginCount).toBe(1);
  });

  it('logs out: the cookie is deleted and the next call signs in again', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    await client.listSessions();
    await client.logout();
    await client.listSessions();
    expect(client.transport.loginCount).toBe(2);
  });

  it('reports a wrong admin token as 401 gateway_auth_rejected, without the token in the message', async () => {
    sim = await startSimulator();
    const client = clientFor(sim, { getAdminToken: async () => 'wrong-token-value' });
    const err = await failure(client.listSessions());
    expect(err.code).toBe('gateway_auth_rejected');
    expect(err.status).toBe(401);
    expect(err.message).not.toContain('wrong-token-value');
    expect(err.hint).toMatch(/PALYRA_ADMIN_TOKEN/);
  });

  it('turns a failing token callback (locked keychain) into admin_token_unavailable', async () => {
    sim = await startSimulator();
    const client = clientFor(sim, {
      getAdminToken: async () => {
        throw new Error('keychain locked');
      },
    });
    const err = await failure(client.listSessions());
    expect(err.code).toBe('admin_token_unavailable');
  });

  it('answers 412 when auth is required but no bound principal is configured', async () => {
    sim = await startSimulator({ PALYRA_ADMIN_BOUND_PRINCIPAL: '' });
    const err = await failure(clientFor(sim).session());
    expect(err.status).toBe(412);
    expect(err.code).toBe('gateway_precondition_failed');
    expect(err.hint).toMatch(/PALYRA_ADMIN_BOUND_PRINCIPAL/);
  });

  it('maps bad JSON and wrong-schema replies to gateway_bad_reply', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    await sim.control('POST', '/__sim/faults', { next: 'bad_json', path: '/healthz' });
    const badJson = await failure(client.health());
    expect(badJson.code).toBe('gateway_bad_reply');
    expect(badJson.message).toMatch(/not valid JSON/);
    await sim.control('POST', '/__sim/faults', { next: 'wrong_schema', path: '/console/v1/sessions' });
    const wrong = await failure(client.listSessions());
    expect(wrong.code).toBe('gateway_bad_reply');
    expect(wrong.message).toMatch(/unexpected shape/);
    // The faults were one-shot: the next calls work.
    await expect(client.listSessions()).resolves.toEqual([]);
  });

  it('maps 429 to a retryable rate_limited error, from a fault and from the real limiter', async () => {
    sim = await startSimulator({ PALYRA_SIM_RATE_LIMIT: '5' });
    const client = clientFor(sim);
    await client.session();
    await sim.control('POST', '/__sim/faults', { next: 'rate_limit', path: '/console/v1/inventory' });
    const faulted = await failure(client.inventory());
    expect(faulted).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryable: true,
      category: 'availability',
    });

    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.diagnostics()));
    const limited = results.filter(
      (r) => r.status === 'rejected' && (r.reason as GatewayError).code === 'rate_limited',
    );
    expect(limited.length).toBeGreaterThan(0);
    // Login is exempt from the limiter for loopback callers.
    await expect(client.transport.login()).resolves.toMatchObject({
      principal: 'admin:desktop-control-center',
    });
  });

  it('times out a slow reply with gateway_timeout', async () => {
    sim = await startSimulator();
    const client = clientFor(sim, { requestTimeoutMs: 400 });
    await client.session();
    await sim.control('POST', '/__sim/faults', {
      next: 'slow',
      path: '/console/v1/diagnostics',
      delay_ms: 3000,
    });
    const err = await failure(client.diagnostics());
    expect(err).toMatchObject({ code: 'gateway_timeout', retryable: true });
  });

  it('reports an unreachable gateway and a connection closed before the reply', async () => {
    const port = await freePort();
    const nobody = new GatewayClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getAdminToken: async () => ADMIN_TOKEN,
    });
    const err = await failure(nobody.health());
    expect(err.code).toBe('gateway_unreachable');
    expect(err.message).toMatch(/ECONNREFUSED/);

    sim = await startSimulator();
    await sim.control('POST', '/__sim/faults', { next: 'close_mid_stream', path: '/healthz' });
    expect((await failure(clientFor(sim).health())).code).toBe('gateway_unreachable');
  });

  it('rejects a body over 64 KiB with 413 payload_too_large (plain-text body handled)', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const { session } = await client.resolveSession({ label: 'big' });
    const err = await failure(client.sendMessage(session.sessionId, { text: 'x'.repeat(70 * 1024) }));
    expect(err).toMatchObject({ code: 'payload_too_large', status: 413, category: null });
    expect(err.message).toMatch(/length limit exceeded/);
  });

  it('handles axum-style plain-text 415/422 rejections', async () => {
    sim = await startSimulator();
    const res = await fetch(`${sim.baseUrl}/console/v1/auth/login`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(415);
    const res422 = await fetch(`${sim.baseUrl}/console/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ principal: 42 }),
    });
    expect(res422.status).toBe(422);
    expect(await res422.text()).toMatch(/Failed to deserialize/);
  });

  it('reads diagnostics and inventory', async () => {
    sim = await startSimulator();
    const client = clientFor(sim);
    const diagnostics = await client.diagnostics();
    expect(diagnostics.generated_at_unix_ms).toBeGreaterThan(0);
    const inventory = await client.inventory();
    expect(inventory.devices[0]).toMatchObject({
      device_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      presence_state: 'ok',
    });
  });
});
