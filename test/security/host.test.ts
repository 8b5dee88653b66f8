// Security properties of the headless host, over real HTTP and WebSocket on an ephemeral port.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { callNames, callSchemas, type CallName } from '../../main/contract/calls';
import { HostToken } from '../../main/host/host-token';
import { startHost } from '../../main/host/host-server';
import { createFakeCore } from '../fixtures/fake-core';
import {
  apiCall,
  httpRequest,
  SECRET_OUTSIDE_UI,
  startFixture,
  TestClient,
  VALID_PARAMS,
  waitFor,
  type HostFixture,
} from '../integration/host/host-harness';

let fixture: HostFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

/** Upgrade attempt that reports the HTTP status when the host refuses it. */
function upgradeStatus(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('host token', () => {
  it('generates 32 random bytes base64url and compares exactly', () => {
    const a = new HostToken();
    const b = new HostToken();
    expect(a.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.value, 'base64url')).toHaveLength(32);
    expect(a.value).not.toBe(b.value);
    expect(a.matches(a.value)).toBe(true);
    expect(a.matches(b.value)).toBe(false);
    expect(a.matches(a.value.slice(0, -1))).toBe(false);
    expect(a.matches(`${a.value}x`)).toBe(false);
    expect(a.matches('')).toBe(false);
    expect(a.matches(null)).toBe(false);
    expect(() => new HostToken('short')).toThrow(/base64url/);
  });

  it('closes a WebSocket with a missing or wrong token with 4401, before sending anything', async () => {
    fixture = await startFixture();
    for (const token of [
      null,
      'wrong',
      fixture.host.token.slice(0, -1) + (fixture.host.token.endsWith('A') ? 'B' : 'A'),
    ]) {
      const client = await TestClient.connect(fixture.host, { token });
      client.sendRaw(JSON.stringify({ type: 'call', id: 1, name: 'services.stopAll', params: {} }));
      expect((await client.waitClosed()).code).toBe(4401);
      expect(client.frames).toEqual([]);
    }
    expect(fixture.core.calls).toEqual([]);
  });

  it('accepts the right token (query or Bearer) and sends the snapshot first', async () => {
    fixture = await startFixture();
    const byQuery = await TestClient.connect(fixture.host);
    const byHeader = await TestClient.connect(fixture.host, {
      token: null,
      headers: { authorization: `Bearer ${fixture.host.token}` },
    });
    for (const client of [byQuery, byHeader]) {
      await waitFor(() => client.frames.length > 0, 'snapshot');
      expect(client.frames[0]).toMatchObject({ type: 'event', event: 'snapshot' });
      expect(await client.call('snapshot.get', {})).toMatchObject({ ok: true });
    }
  });

  it('refuses index.html and /api/call without the right token', async () => {
    fixture = await startFixture();
    for (const path of ['/', '/index.html', '/?token=wrong', '/?token=']) {
      const res = await httpRequest(fixture.host, { path });
      expect(res.status, path).toBe(401);
      expect(res.body).toContain('?token=');
    }
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: fixture.host.token },
      { authorization: `Basic ${fixture.host.token}` },
    ];
    for (const headers of cases) {
      const res = await httpRequest(fixture.host, {
        method: 'POST',
        path: `/api/call?token=${fixture.host.token}`,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'services.stopAll', params: {} }),
      });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('unauthorized');
    }
    expect(fixture.core.calls).toEqual([]);
  });
});

describe('host page reload', () => {
  it('lets a reload of index.html through with the derived cookie, which is not the token and unlocks nothing else', async () => {
    fixture = await startFixture();
    const first = await httpRequest(fixture.host, { path: `/?token=${fixture.host.token}` });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(fixture.host.token);
    const cookie = setCookie.split(';')[0]!;
    const [, value] = cookie.split('=');

    const reload = await httpRequest(fixture.host, { path: '/', headers: { cookie: `other=1; ${cookie}` } });
    expect(reload.status).toBe(200);
    expect(reload.headers['set-cookie']).toBeUndefined();
    const forged = await httpRequest(fixture.host, { path: '/', headers: { cookie: `${cookie}x` } });
    expect(forged.status).toBe(401);

    // The cookie value is useless as a token.
    const api = await apiCall(
      fixture.host,
      { name: 'snapshot.get', params: {} },
      { authorization: `Bearer ${value}` },
    );
    expect(api.status).toBe(401);
    const socket = await TestClient.connect(fixture.host, { token: value!, headers: { cookie } });
    expect((await socket.waitClosed()).code).toBe(4401);
  });
});

describe('host origin and host checks', () => {
  it('refuses a WebSocket upgrade from a foreign Origin and allows the loopback ones', async () => {
    fixture = await startFixture();
    const { port, token } = fixture.host;
    const path = `/ws?token=${token}`;
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      `http://127.0.0.1:${port + 1}`,
      'null',
      `https://127.0.0.1:${port}`,
    ]) {
      expect(await upgradeStatus(port, path, { origin }), origin).toBe(403);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]) {
      expect(await upgradeStatus(port, path, { origin }), origin).toBe('open');
    }
  });

  it('refuses POST /api/call from a foreign Origin even with the token', async () => {
    fixture = await startFixture();
    const foreign = await apiCall(
      fixture.host,
      { name: 'services.stopAll', params: {} },
      { origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('origin_rejected');
    const crossSite = await apiCall(
      fixture.host,
      { name: 'services.stopAll', params: {} },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(fixture.core.calls).toEqual([]);
    const own = await apiCall(
      fixture.host,
      { name: 'services.stopAll', params: {} },
      { origin: `http://localhost:${fixture.host.port}` },
    );
    expect(own.status).toBe(200);
  });

  it('refuses requests whose Host is not loopback with our port (DNS rebinding)', async () => {
    fixture = await startFixture();
    const { port, token } = fixture.host;
    const badHosts = [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1:${port + 1}`,
      `localhost`,
      `127.0.0.2:${port}`,
      `0.0.0.0:${port}`,
    ];
    for (const host of badHosts) {
      const page = await httpRequest(fixture.host, { path: `/?token=${token}`, headers: { host } });
      expect(page.status, host).toBe(421);
      expect(page.body).not.toContain('<script');
      const asset = await httpRequest(fixture.host, { path: '/assets/app.js', headers: { host } });
      expect(asset.status, host).toBe(421);
      const api = await apiCall(fixture.host, { name: 'services.stopAll', params: {} }, { host });
      expect(api.status, host).toBe(421);
      expect(await upgradeStatus(port, `/ws?token=${token}`, { host }), host).toBe(421);
    }
    expect(fixture.core.calls).toEqual([]);
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect(
        (await httpRequest(fixture.host, { path: `/?token=${token}`, headers: { host } })).status,
        host,
      ).toBe(200);
    }
  });
});

describe('host limits', () => {
  it('refuses oversized /api/call bodies, declared or streamed', async () => {
    fixture = await startFixture({ maxBodyBytes: 256 * 1024 });
    const big = JSON.stringify({
      name: 'chat.send',
      params: { sessionId: null, text: 'x'.repeat(300 * 1024) },
    });
    const declared = await apiCall(fixture.host, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe('body_too_large');
    const streamed = await httpRequest(fixture.host, {
      method: 'POST',
      path: '/api/call',
      headers: {
        authorization: `Bearer ${fixture.host.token}`,
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
      body: big,
    });
    expect(streamed.status).toBe(413);
    expect(fixture.core.calls).toEqual([]);
    expect((await apiCall(fixture.host, { name: 'snapshot.get', params: {} })).status).toBe(200);
  });

  it('closes a WebSocket that sends a frame over 256 KiB with 1009 and keeps serving others', async () => {
    fixture = await startFixture();
    const other = await TestClient.connect(fixture.host);
    const client = await TestClient.connect(fixture.host);
    client.sendRaw(
      JSON.stringify({
        type: 'call',
        id: 1,
        name: 'chat.send',
        params: { sessionId: null, text: 'x'.repeat(257 * 1024) },
      }),
    );
    expect((await client.waitClosed()).code).toBe(1009);
    expect(fixture.core.calls.filter((c) => c.name === 'chat.send')).toEqual([]);
    expect(await other.call('snapshot.get', {})).toMatchObject({ ok: true });
  });

  it('closes a WebSocket that sends binary frames with 1003', async () => {
    fixture = await startFixture();
    const client = await TestClient.connect(fixture.host);
    client.socket.send(
      Buffer.from(JSON.stringify({ type: 'call', id: 1, name: 'snapshot.get', params: {} })),
    );
    expect((await client.waitClosed()).code).toBe(1003);
  });
});

describe('host static files', () => {
  it('rejects path traversal in every encoding and never serves files outside the UI dir', async () => {
    fixture = await startFixture();
    const probes = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%252e%252e/secret.txt',
      '/..\\secret.txt',
      '/..%5csecret.txt',
      '/assets/./app.js',
      '/%00/secret.txt',
      '/%',
      '/%e0%a4%a',
      `/${'../'.repeat(10)}etc/passwd`,
    ];
    for (const path of probes) {
      const res = await httpRequest(fixture.host, { path });
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain(SECRET_OUTSIDE_UI);
      expect(res.body).not.toContain('root:');
    }
  });

  it('sets CSP and the other security headers on pages, assets, errors and the API', async () => {
    fixture = await startFixture();
    const { port, token } = fixture.host;
    const responses = [
      await httpRequest(fixture.host, { path: `/?token=${token}` }),
      await httpRequest(fixture.host, { path: '/assets/app.js' }),
      await httpRequest(fixture.host, { path: '/nope' }),
      await httpRequest(fixture.host, { path: '/' }),
      await apiCall(fixture.host, { name: 'snapshot.get', params: {} }),
    ];
    for (const res of responses) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });
});

describe('host bind address', () => {
  it('refuses to bind anything but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10', '']) {
      await expect(startHost({ core: createFakeCore(), uiDir: '.', host }), host).rejects.toMatchObject({
        code: 'non_loopback_bind',
        hint: expect.stringContaining('ssh -L'),
      });
    }
  });

  it('reports a busy port as an actionable error', async () => {
    fixture = await startFixture();
    await expect(
      startHost({ core: createFakeCore(), uiDir: fixture.uiDir, port: fixture.host.port }),
    ).rejects.toMatchObject({
      code: 'port_busy',
      hint: expect.stringContaining('--port 0'),
    });
  });
});

// Deterministic so a failure can be replayed.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hostile params as raw JSON text, so keys like __proto__ reach the host verbatim. */
function hostileParams(name: CallName, random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const scalars = ['null', 'true', 'false', '0', '-1', '1e308', '-0.5', '""', '"x"', '[]', '[1,2,3]', '{}'];
  const huge = JSON.stringify('𝕏'.repeat(30_000));
  const deep = '{"a":'.repeat(400) + '1' + '}'.repeat(400);
  const valid = JSON.stringify(VALID_PARAMS[name]);
  const keys = Object.keys(VALID_PARAMS[name] as object);
  const out = [
    ...scalars,
    huge,
    deep,
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"prototype":{"polluted":true}}',
    `[${valid}]`,
    `{"unexpected":1${valid === '{}' ? '' : ',' + valid.slice(1, -1)}}`,
    valid === '{}'
      ? '{"__proto__":{"polluted":true}}'
      : valid.replace(/^\{/, '{"__proto__":{"polluted":true},'),
  ];
  for (const key of keys) {
    for (let i = 0; i < 4; i++) {
      const value = pick([
        ...scalars,
        huge,
        deep,
        '{"__proto__":{"polluted":true}}',
        '"' + 'x'.repeat(5000) + '"',
      ]);
      out.push(
        JSON.stringify({ ...(VALID_PARAMS[name] as object), [key]: '__SLOT__' }).replace('"__SLOT__"', value),
      );
    }
  }
  return out;
}

describe('host fuzz', () => {
  it('answers hostile params, names and frames with typed errors and keeps serving', async () => {
    fixture = await startFixture();
    const client = await TestClient.connect(fixture.host);
    await waitFor(() => client.frames.length > 0, 'snapshot');
    const random = mulberry32(0xc0ffee);
    let id = 1000;
    let sent = 0;

    for (const name of callNames) {
      // Send the whole batch for a call at once (replies may interleave), then check each reply.
      const before = fixture.core.calls.length;
      const batch = hostileParams(name, random).map((params) => {
        const frameId = id++;
        client.sendRaw(`{"type":"call","id":${frameId},"name":${JSON.stringify(name)},"params":${params}}`);
        return { frameId, params };
      });
      // Stays under the host's 64 pending calls per socket, so no reply is `too_many_calls`.
      expect(batch.length).toBeLessThan(64);
      let accepted = 0;
      for (const { frameId, params } of batch) {
        const reply = await client.replyFor(frameId);
        sent++;
        // The schema is the oracle: whatever it accepts may reach core, nothing else may.
        const parsed: unknown = JSON.parse(params);
        if (callSchemas[name].safeParse(parsed ?? {}).success) {
          accepted++;
          expect(reply.ok, `${name} ${params.slice(0, 80)}`).toBe(true);
        } else {
          expect(reply, `${name} ${params.slice(0, 80)}`).toMatchObject({
            ok: false,
            error: { code: 'invalid_params', message: expect.any(String), hint: expect.any(String) },
          });
        }
      }
      expect(fixture.core.calls.length - before, `${name}: calls that reached core`).toBe(accepted);
    }

    const hostileNames = [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'snapshot.get ',
      '',
      'SNAPSHOT.GET',
      123,
      null,
      {},
      ['snapshot.get'],
      true,
    ];
    for (const name of hostileNames) {
      const frameId = id++;
      client.sendRaw(JSON.stringify({ type: 'call', id: frameId, name, params: {} }));
      expect(await client.replyFor(frameId), JSON.stringify(name)).toMatchObject({
        ok: false,
        error: { code: 'unknown_call' },
      });
    }
    const missingName = id++;
    client.sendRaw(JSON.stringify({ type: 'call', id: missingName }));
    expect(await client.replyFor(missingName)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const wrongType = id++;
    client.sendRaw(JSON.stringify({ type: 'event', id: wrongType, name: 'snapshot.get' }));
    expect(await client.replyFor(wrongType)).toMatchObject({ ok: false, error: { code: 'invalid_frame' } });

    // Frames without a usable id cannot be answered; they are ignored without closing.
    const unanswerable = [
      'not json',
      '',
      '[]',
      'null',
      '42',
      '"call"',
      '{"type":"call"}',
      '{"type":"call","id":-1,"name":"snapshot.get"}',
      '{"type":"call","id":1.5,"name":"snapshot.get"}',
      '{"type":"call","id":"7","name":"snapshot.get"}',
      '{"type":"call","id":1e300,"name":"snapshot.get"}',
      '{"__proto__":{"id":5},"type":"call"}',
      '['.repeat(100_000),
      '{"type":"call","id":',
      '\u0000\uffff',
    ];
    for (const text of unanswerable) client.sendRaw(text);

    const finalId = id++;
    client.sendRaw(JSON.stringify({ type: 'call', id: finalId, name: 'services.startAll', params: {} }));
    expect(await client.replyFor(finalId)).toEqual({ ok: true, value: { ok: true, message: 'started all' } });
    expect(client.closed).toBeNull();
    expect(sent).toBeGreaterThan(callNames.length * 10);
    // Only the final, id-bearing replies came back: nothing answered the unanswerable frames.
    const replyIds = new Set(client.frames.flatMap((f) => (f.type === 'reply' ? [f.id] : [])));
    expect(replyIds.size).toBe(id - 1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);

    // The same over HTTP.
    for (const body of [
      '{"name":"__proto__","params":{}}',
      '{"__proto__":{"name":"snapshot.get"}}',
      '[]',
      'null',
      '"x"',
    ]) {
      const res = await apiCall(fixture.host, body);
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.body).error.code, body).toMatch(/^(unknown_call|invalid_body)$/);
    }
    expect((await apiCall(fixture.host, { name: 'snapshot.get', params: {} })).status).toBe(200);
  });
});
