import { afterEach, describe, expect, it } from 'vitest';
import { callNames } from '../../../main/contract/calls';
import { apiCall, startFixture, TestClient, VALID_PARAMS, waitFor, type HostFixture } from './host-harness';

let fixture: HostFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

describe('host calls', () => {
  it('has valid sample params for every contract call', () => {
    expect(Object.keys(VALID_PARAMS).sort()).toEqual([...callNames].sort());
  });

  it('round-trips every contract call over the WebSocket, keeping ids', async () => {
    fixture = await startFixture();
    const client = await TestClient.connect(fixture.host);
    for (const name of callNames) {
      const reply = await client.call(name, VALID_PARAMS[name]);
      expect(reply, name).toMatchObject({ ok: true });
    }
    expect(fixture.core.calls.map((c) => c.name)).toEqual(expect.arrayContaining([...callNames]));
    const send = fixture.core.calls.find((c) => c.name === 'chat.send');
    expect(send?.params).toEqual({ sessionId: null, text: 'hello' });
    // Every reply carried the id of its call, so none is missing or duplicated.
    const replyIds = client.frames.flatMap((f) => (f.type === 'reply' ? [f.id] : []));
    expect(replyIds).toEqual(callNames.map((_, i) => i + 1));
  });

  it('answers concurrent calls each with its own id', async () => {
    fixture = await startFixture();
    const client = await TestClient.connect(fixture.host);
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.call('chat.selectSession', { sessionId: `s-${i}` })),
    );
    replies.forEach((reply, i) =>
      expect(reply).toEqual({ ok: true, value: { ok: true, message: `selected s-${i}` } }),
    );
  });

  it('round-trips every contract call over POST /api/call', async () => {
    fixture = await startFixture();
    for (const name of callNames) {
      const res = await apiCall(fixture.host, { name, params: VALID_PARAMS[name] });
      expect(res.status, name).toBe(200);
      expect(JSON.parse(res.body), name).toMatchObject({ ok: true });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('passes an actionable core error through both transports', async () => {
    fixture = await startFixture();
    const expected = {
      ok: false,
      error: {
        code: 'binary_missing',
        message: 'palyrad was not found.',
        hint: 'Install Palyra or set PALYRA_DESKTOP_PALYRAD_BIN.',
      },
    };
    const client = await TestClient.connect(fixture.host);
    expect(await client.call('service.start', { service: 'missing' })).toEqual(expected);
    const res = await apiCall(fixture.host, { name: 'service.start', params: { service: 'missing' } });
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toEqual(expected);
  });

  it('answers bad calls over HTTP with 400 and a typed error', async () => {
    fixture = await startFixture();
    const unknown = await apiCall(fixture.host, { name: 'nope', params: {} });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_call');
    const invalid = await apiCall(fixture.host, { name: 'service.start', params: { service: 7 } });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('invalid_params');
    const notJson = await apiCall(fixture.host, '{"name": ');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatchObject({ code: 'invalid_json', hint: expect.any(String) });
    const wrongType = await apiCall(fixture.host, '{"name":"snapshot.get"}', {
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(415);
    expect(fixture.core.calls).toEqual([]);
  });

  it('bounds the calls pending on one socket', async () => {
    fixture = await startFixture({ maxInFlightCalls: 2 });
    const core = fixture.core;
    // Hold snapshot.get open so calls stay pending.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = core.handlers['snapshot.get'];
    const client = await TestClient.connect(fixture.host);
    await waitForSnapshot(client);
    core.handlers['snapshot.get'] = async (p) => {
      await gate;
      return original(p);
    };
    const pending = [client.call('snapshot.get', {}), client.call('snapshot.get', {})];
    const third = await client.call('snapshot.get', {});
    expect(third).toMatchObject({ ok: false, error: { code: 'too_many_calls' } });
    release();
    for (const reply of await Promise.all(pending)) expect(reply.ok).toBe(true);
  });
});

async function waitForSnapshot(client: TestClient): Promise<void> {
  await waitFor(() => client.events('snapshot').length > 0, 'initial snapshot');
}
