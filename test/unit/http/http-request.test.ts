import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpRequestError, openHttpStream, request } from '../../../main/core/http/http-request';

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise<void>((resolve) => s.close(() => resolve()));
});

function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  return new Promise((resolve) => {
    server = createServer(handler);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`),
    );
  });
}

async function failure(p: Promise<unknown>): Promise<HttpRequestError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(HttpRequestError);
    return err as HttpRequestError;
  }
  throw new Error('expected a failure');
}

describe('request', () => {
  it('sends method, headers and body with its length, and returns status, headers, cookies and text', async () => {
    let seen: { method?: string; headers: IncomingMessage['headers']; body: string } | null = null;
    const base = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Max-Age=60']);
        res.writeHead(201, { 'x-reply': 'yes' }).end('héllo');
      });
    });
    const reply = await request(`${base}/path?q=1`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-palyra-csrf-token': 'csrf' },
      body: '{"k":"é"}',
    });
    expect(reply).toMatchObject({
      status: 201,
      text: 'héllo',
      setCookie: ['a=1; Path=/', 'b=2; Max-Age=60'],
    });
    expect(reply.headers['x-reply']).toBe('yes');
    expect(seen).toMatchObject({ method: 'POST', body: '{"k":"é"}' });
    expect(seen!.headers['content-length']).toBe(String(Buffer.byteLength('{"k":"é"}')));
    expect(seen!.headers['x-palyra-csrf-token']).toBe('csrf');
    // No compression is asked for, so nothing has to be decoded.
    expect(seen!.headers['accept-encoding']).toBeUndefined();
  });

  it('returns a redirect as it is instead of following it', async () => {
    const base = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const reply = await request(`${base}/`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/elsewhere');
  });

  it('names a refused connection by its system code', async () => {
    const base = await serve((_req, res) => res.end());
    server!.close();
    await new Promise((r) => setTimeout(r, 20));
    server = null;
    const err = await failure(request(`${base}/`));
    expect(err.kind).toBe('network');
    expect(err.causeCode).toBe('ECONNREFUSED');
  });

  it('times out on a reply that never comes, and on a body that never ends', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/slow-body') res.writeHead(200).write('partial');
    });
    expect((await failure(request(`${base}/never`, { timeoutMs: 100 }))).kind).toBe('timeout');
    expect((await failure(request(`${base}/slow-body`, { timeoutMs: 100 }))).kind).toBe('timeout');
  });

  it('stops at the abort signal', async () => {
    const base = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(request(`${base}/`, { signal: controller.signal }))).kind).toBe('aborted');
    expect((await failure(request(`${base}/`, { signal: AbortSignal.abort() }))).kind).toBe('aborted');
  });

  it('refuses a body over the cap', async () => {
    const base = await serve((_req, res) => res.end('x'.repeat(10_000)));
    expect((await failure(request(`${base}/`, { maxBodyBytes: 1_000 }))).kind).toBe('too_large');
    expect((await request(`${base}/`, { maxBodyBytes: 10_000 })).text).toHaveLength(10_000);
  });

  it('reports a connection closed mid-body as a network failure', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('short');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failure(request(`${base}/`))).kind).toBe('network');
  });
});

describe('openHttpStream', () => {
  it('hands over chunks as they arrive, before the body ends', async () => {
    let release: () => void = () => undefined;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('{"n":1}\n');
      release = () => res.end('{"n":2}\n');
    });
    const stream = await openHttpStream(`${base}/`, { method: 'POST', body: '{}', timeoutMs: 1_000 });
    expect(stream.status).toBe(200);
    const it = stream.body[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.toString()).toBe('{"n":1}\n');
    release();
    const rest: string[] = [];
    for (let next = await it.next(); !next.done; next = await it.next()) rest.push(next.value.toString());
    expect(rest.join('')).toBe('{"n":2}\n');
  });

  it('applies the timeout to the headers only; the signal still ends a silent body', async () => {
    const base = await serve((_req, res) => res.writeHead(200).write('x'));
    const controller = new AbortController();
    const stream = await openHttpStream(`${base}/`, { timeoutMs: 50, signal: controller.signal });
    const it = stream.body[Symbol.asyncIterator]();
    expect((await it.next()).value?.toString()).toBe('x');
    // Longer than the header timeout: still open.
    const pending = it.next();
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('reads an error reply as text', async () => {
    const base = await serve((_req, res) => res.writeHead(412).end('default agent is not configured'));
    const stream = await openHttpStream(`${base}/`, { method: 'POST', body: '{}' });
    expect(stream.status).toBe(412);
    expect(await stream.text()).toBe('default agent is not configured');
  });
});
