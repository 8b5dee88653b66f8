// The WebSocket client against a real WebSocket server on an ephemeral loopback port.
import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { WebSocket as ServerSocket } from 'ws';
import type { ClientFrame, ServerFrame } from '../../main/contract/client';
import { ContractError } from '../../main/contract/client';
import type { LinkStatus } from '../../tray-ui/src/lib/client/tray-client';
import { WebSocketClient } from '../../tray-ui/src/lib/client/websocket-client';
import { takeAccessToken } from '../../tray-ui/src/lib/client/access-token';

// Under the jsdom environment `ws` resolves to its browser stub; the server needs the Node build.
// Loading the file by path sidesteps the export conditions.
// Loading the file by path sidesteps the export conditions (vitest runs from the repo root).
// The client side uses ws's WebSocket too: the jsdom environment's WebSocket (undici) trips over
// jsdom's Event class ("must be an instance of Event") — a test-environment clash, not a client bug.
const { WebSocketServer, WebSocket: NodeWebSocket } = createRequire(resolve('package.json'))(
  resolve('node_modules/ws/index.js'),
) as typeof import('ws');

interface Host {
  server: InstanceType<typeof WebSocketServer>;
  port: number;
  sockets: ServerSocket[];
  frames: ClientFrame[];
  urls: string[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A tiny host: answers `snapshot.get` with {ok}, `service.stop` with an error, ignores the rest. */
async function startHost(): Promise<Host> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  if (typeof address === 'string' || !address) throw new Error('no port');
  const host: Host = { server, port: address.port, sockets: [], frames: [], urls: [] };
  server.on('connection', (socket, request) => {
    host.sockets.push(socket);
    host.urls.push(request.url ?? '');
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ClientFrame;
      host.frames.push(frame);
      const send = (f: ServerFrame) => socket.send(JSON.stringify(f));
      if (frame.name === 'snapshot.get')
        send({ type: 'reply', id: frame.id, reply: { ok: true, value: { hello: 1 } } });
      if (frame.name === 'service.stop') {
        send({
          type: 'reply',
          id: frame.id,
          reply: {
            ok: false,
            error: { code: 'unknown_service', message: 'No such service.', hint: 'Pick one.' },
          },
        });
      }
    });
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of server.clients) s.terminate();
        server.close(() => resolve());
      }),
  );
  return host;
}

function connect(host: Host): { client: WebSocketClient; links: LinkStatus[] } {
  const client = new WebSocketClient(`ws://127.0.0.1:${host.port}/ws?token=secret-token`, {
    initialBackoffMs: 50,
    maxBackoffMs: 200,
    callTimeoutMs: 20_000,
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
  });
  cleanups.push(() => client.close());
  const links: LinkStatus[] = [];
  client.onLink((s) => links.push(s));
  return { client, links };
}

describe('WebSocketClient', () => {
  it('queues a call made before the socket opens, then resolves it with the reply', async () => {
    const host = await startHost();
    const { client, links } = connect(host);
    await expect(client.call('snapshot.get', {})).resolves.toEqual({ hello: 1 });
    expect(host.urls).toEqual(['/ws?token=secret-token']);
    expect(host.frames[0]).toMatchObject({ type: 'call', name: 'snapshot.get', params: {} });
    expect(links.map((l) => l.state)).toEqual(['connecting', 'open']);
  });

  it('rejects with a ContractError carrying the code and hint of a failed reply', async () => {
    const host = await startHost();
    const { client } = connect(host);
    const err = await client.call('service.stop', { service: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).toJSON()).toEqual({
      code: 'unknown_service',
      message: 'No such service.',
      hint: 'Pick one.',
    });
  });

  it('delivers events and survives malformed frames', async () => {
    const host = await startHost();
    const { client } = connect(host);
    const seen: unknown[] = [];
    client.on('navigate', (p) => seen.push(p));
    await client.call('snapshot.get', {});
    const socket = host.sockets[0]!;
    socket.send('this is not json');
    socket.send(JSON.stringify({ type: 'event', event: 'no-such-event', payload: 1 }));
    socket.send(JSON.stringify({ type: 'reply', id: 999, reply: { ok: true, value: 1 } }));
    socket.send(JSON.stringify({ type: 'event', event: 'navigate', payload: { view: 'chat' } }));
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([{ view: 'chat' }]);
    await expect(client.call('snapshot.get', {})).resolves.toEqual({ hello: 1 });
  });

  it('fails in-flight calls when the socket drops, reports the loss and reconnects with backoff', async () => {
    const host = await startHost();
    const { client, links } = connect(host);
    await client.call('snapshot.get', {});
    const inflight = client.call('service.restart', { service: 'gateway' }).catch((e: unknown) => e);
    await expect
      .poll(() => host.frames.some((f) => f.name === 'service.restart'), { timeout: 10_000 })
      .toBe(true);
    host.sockets[0]!.terminate();

    const err = (await inflight) as ContractError;
    expect(err).toBeInstanceOf(ContractError);
    expect(err.code).toBe('connection_lost');
    await expect.poll(() => links.some((l) => l.state === 'lost'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => host.sockets.length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => links.at(-1)?.state, { timeout: 15_000 }).toBe('open');
    await expect(client.call('snapshot.get', {})).resolves.toEqual({ hello: 1 });
  });

  it('keeps retrying while the host is down and connects once it is back', async () => {
    const host = await startHost();
    const port = host.port;
    const { client, links } = connect(host);
    await client.call('snapshot.get', {});
    await new Promise<void>((resolve) => {
      for (const s of host.server.clients) s.terminate();
      host.server.close(() => resolve());
    });
    await expect
      .poll(() => links.filter((l) => l.state === 'lost').length, { timeout: 15_000 })
      .toBeGreaterThan(1);
    const lost = links.filter((l) => l.state === 'lost');
    expect(lost.at(-1)!.attempt).toBeGreaterThan(lost[0]!.attempt);
    // While down, calls fail fast instead of hanging.
    await expect(client.call('snapshot.get', {})).rejects.toMatchObject({ code: 'connection_lost' });

    const again = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws' });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of again.clients) s.terminate();
          again.close(() => resolve());
        }),
    );
    again.on('connection', (socket) =>
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ClientFrame;
        socket.send(JSON.stringify({ type: 'reply', id: frame.id, reply: { ok: true, value: 'back' } }));
      }),
    );
    await expect.poll(() => links.at(-1)?.state, { timeout: 15_000 }).toBe('open');
    await expect(client.call('snapshot.get', {})).resolves.toBe('back');
  });

  it('stops reconnecting once closed', async () => {
    const host = await startHost();
    const { client } = connect(host);
    await client.call('snapshot.get', {});
    client.close();
    await expect(client.call('snapshot.get', {})).rejects.toMatchObject({ code: 'client_closed' });
    await new Promise((r) => setTimeout(r, 400)); // several backoff periods
    expect(host.sockets).toHaveLength(1);
  });
});

describe('takeAccessToken', () => {
  it('moves the token from the address bar into sessionStorage', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#frag');
    expect(takeAccessToken(window)).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#frag');
    expect(window.location.href).not.toContain('abc123');
    // A reload (no token in the URL any more) still finds it.
    expect(takeAccessToken(window)).toBe('abc123');
    window.sessionStorage.clear();
    expect(takeAccessToken(window)).toBeNull();
  });
});

describe('WebSocketClient with a rejected token', () => {
  it('stops retrying and says so when the host closes with 4401', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    let connections = 0;
    server.on('connection', (socket) => {
      connections += 1;
      socket.close(4401, 'unauthorized');
    });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address();
    if (typeof address === 'string' || !address) throw new Error('no port');
    const client = new WebSocketClient(`ws://127.0.0.1:${address.port}/ws?token=wrong`, {
      initialBackoffMs: 20,
      WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
    });
    cleanups.push(() => client.close());
    const links: LinkStatus[] = [];
    client.onLink((s) => links.push(s));
    await expect.poll(() => links.at(-1)?.rejected, { timeout: 10_000 }).toBe(true);
    expect(links.at(-1)).toMatchObject({ state: 'lost', nextRetryAtMs: null });
    await new Promise((r) => setTimeout(r, 300)); // many backoff periods
    expect(connections).toBe(1);
  });
});
