import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest, INDEX_HTML, startFixture, TestClient, waitFor, type HostFixture } from './host-harness';

let fixture: HostFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

describe('host static UI', () => {
  it('serves index.html for / and /index.html with the token, never cached', async () => {
    fixture = await startFixture();
    for (const path of [`/?token=${fixture.host.token}`, `/index.html?token=${fixture.host.token}`]) {
      const res = await httpRequest(fixture.host, { path });
      expect(res.status, path).toBe(200);
      expect(res.body).toBe(INDEX_HTML);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('prints a URL that opens the page as given', async () => {
    fixture = await startFixture();
    const url = new URL(fixture.host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(fixture.host.token);
    const res = await httpRequest(fixture.host, { path: `${url.pathname}${url.search}` });
    expect(res.status).toBe(200);
  });

  it('serves built assets without the token, with their content types', async () => {
    fixture = await startFixture();
    const cases: [string, string][] = [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/nested/icon.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const res = await httpRequest(fixture.host, { path });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe(type);
    }
    const head = await httpRequest(fixture.host, { method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('lists no directories and hides dotfiles', async () => {
    fixture = await startFixture();
    for (const path of ['/assets', '/assets/', '/assets/nested/', '/.env', '/assets/missing.js']) {
      const res = await httpRequest(fixture.host, { path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('app.js');
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('refuses methods other than GET and HEAD on the UI', async () => {
    fixture = await startFixture();
    const res = await httpRequest(fixture.host, { method: 'DELETE', path: '/assets/app.js' });
    expect(res.status).toBe(405);
  });

  it('says how to build the UI when index.html is missing', async () => {
    fixture = await startFixture();
    await rm(join(fixture.uiDir, 'index.html'));
    const res = await httpRequest(fixture.host, { path: `/?token=${fixture.host.token}` });
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build:ui');
  });

  it('answers plain HTTP on /ws with 426 and unknown API paths with 404', async () => {
    fixture = await startFixture();
    expect((await httpRequest(fixture.host, { path: '/ws' })).status).toBe(426);
    expect((await httpRequest(fixture.host, { path: '/api/other' })).status).toBe(404);
    expect((await httpRequest(fixture.host, { path: '/api/call' })).status).toBe(405);
  });

  it('bounds concurrent WebSocket clients', async () => {
    fixture = await startFixture({ maxConnections: 3 });
    const clients = await Promise.all([1, 2, 3].map(() => TestClient.connect(fixture!.host)));
    await expect(TestClient.connect(fixture.host)).rejects.toThrow(/503/);
    clients[0]!.socket.close();
    await clients[0]!.waitClosed();
    await waitFor(() => fixture!.host.connectionCount === 2, 'a slot to free up');
    await expect(TestClient.connect(fixture.host)).resolves.toBeInstanceOf(TestClient);
  });
});
