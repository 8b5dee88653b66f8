import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { checkHttpHealth } from '../../../main/core/supervisor/http-health-check';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

function serve(status: number, body: string): Promise<string> {
  return new Promise((resolve) => {
    server = createServer((_req, res) => res.writeHead(status).end(body));
    server.listen(0, '127.0.0.1', () => {
      const addr = server!.address();
      resolve(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
    });
  });
}

describe('checkHttpHealth', () => {
  it("requires Palyra's JSON status by default", async () => {
    const url = await serve(200, 'Ollama is running');
    expect(await checkHttpHealth(url, undefined, 2000)).toMatchObject({
      ok: false,
      detail: 'health reply is not JSON',
    });
  });

  it('accepts any 2xx for a plain health page (json: false), and still rejects errors', async () => {
    const url = await serve(200, 'Ollama is running');
    expect(await checkHttpHealth(url, undefined, 2000, false)).toMatchObject({ ok: true });
    await new Promise<void>((r) => server!.close(() => r()));
    const broken = await serve(503, 'starting');
    expect(await checkHttpHealth(broken, undefined, 2000, false)).toMatchObject({
      ok: false,
      detail: 'HTTP 503',
    });
  });

  it('says why a probe failed as it did with fetch: the system error code, or the timeout', async () => {
    const url = await serve(200, '{"status":"ok"}');
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    expect(await checkHttpHealth(url, undefined, 2000)).toMatchObject({ ok: false, detail: 'ECONNREFUSED' });
    server = createServer(() => undefined);
    const silent = await new Promise<string>((resolve) =>
      server!.listen(0, '127.0.0.1', () => {
        const addr = server!.address();
        resolve(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/healthz`);
      }),
    );
    expect(await checkHttpHealth(silent, undefined, 100)).toMatchObject({
      ok: false,
      detail: 'no reply within 100 ms',
    });
    server.closeAllConnections();
  });
});
