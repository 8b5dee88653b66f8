// Shared by the host's integration and security tests: a real host on an ephemeral port over a
// fake core and a throwaway UI directory, a raw HTTP client (so paths and Host headers go out
// exactly as written) and a WebSocket client that records every frame.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../../main/contract/client';
import { startHost, type HostOptions, type RunningHost } from '../../../main/host/host-server';
import { createFakeCore, type FakeCore } from '../../fixtures/fake-core';

export const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>';
export const SECRET_OUTSIDE_UI = 'TOP-SECRET-OUTSIDE-UI-DIR';

export interface HostFixture {
  host: RunningHost;
  core: FakeCore;
  root: string;
  uiDir: string;
  logs: string[];
  dispose(): Promise<void>;
}

export async function startFixture(overrides: Partial<HostOptions> = {}): Promise<HostFixture> {
  const root = await mkdtemp(join(tmpdir(), 'companion-host-'));
  const uiDir = join(root, 'ui');
  await mkdir(join(uiDir, 'assets', 'nested'), { recursive: true });
  await writeFile(join(uiDir, 'index.html'), INDEX_HTML);
  await writeFile(join(uiDir, 'assets', 'app.js'), 'console.log("app");\n');
  await writeFile(join(uiDir, 'assets', 'app.css'), 'body { margin: 0; }\n');
  await writeFile(join(uiDir, 'assets', 'nested', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(uiDir, '.env'), 'SECRET=1\n');
  await writeFile(join(root, 'secret.txt'), SECRET_OUTSIDE_UI);
  const core = createFakeCore();
  const logs: string[] = [];
  const host = await startHost({
    core,
    uiDir,
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...overrides,
  });
  const clients = new Set<WebSocket>();
  openClients.set(host, clients);
  return {
    host,
    core,
    root,
    uiDir,
    logs,
    async dispose() {
      for (const client of clients) client.terminate();
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const openClients = new Map<RunningHost, Set<WebSocket>>();

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpRequest(
  host: RunningHost,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function apiCall(
  host: RunningHost,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return httpRequest(host, {
    method: 'POST',
    path: '/api/call',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A recording WebSocket client. */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as ServerFrame));
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    socket.on('error', () => undefined);
  }

  static connect(
    host: RunningHost,
    options: { token?: string | null; headers?: Record<string, string>; path?: string } = {},
  ): Promise<TestClient> {
    const token = options.token === undefined ? host.token : options.token;
    const path = options.path ?? (token === null ? '/ws' : `/ws?token=${encodeURIComponent(token)}`);
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers: options.headers });
    openClients.get(host)?.add(socket);
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  events(name?: string): Extract<ServerFrame, { type: 'event' }>[] {
    return this.frames.filter(
      (f): f is Extract<ServerFrame, { type: 'event' }> =>
        f.type === 'event' && (name === undefined || f.event === name),
    );
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  async call(name: string, params: unknown): Promise<Extract<ServerFrame, { type: 'reply' }>['reply']> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'call', id, name, params }));
    return this.replyFor(id);
  }

  async replyFor(id: number): Promise<Extract<ServerFrame, { type: 'reply' }>['reply']> {
    let found: Extract<ServerFrame, { type: 'reply' }> | undefined;
    await waitFor(() => {
      found = this.frames.find(
        (f): f is Extract<ServerFrame, { type: 'reply' }> => f.type === 'reply' && f.id === id,
      );
      return found !== undefined || this.closed !== null;
    }, `reply ${id}`);
    if (!found) throw new Error(`socket closed before reply ${id}: ${JSON.stringify(this.closed)}`);
    return found.reply;
  }

  async waitClosed(): Promise<{ code: number; reason: string }> {
    await waitFor(() => this.closed !== null, 'socket close');
    return this.closed!;
  }
}

/** Valid parameters for every contract call, used to prove each one round-trips. */
export const VALID_PARAMS: Record<string, unknown> = {
  'snapshot.get': {},
  'service.start': { service: 'gateway' },
  'service.stop': { service: 'gateway' },
  'service.restart': { service: 'browserd' },
  'service.retry': { service: 'nodehost' },
  'services.startAll': {},
  'services.stopAll': {},
  'services.restartAll': {},
  'logs.get': { service: 'gateway', stream: 'stderr', limit: 10 },
  'chat.createSession': { label: 'ops' },
  'chat.selectSession': { sessionId: 's-1' },
  'chat.send': { sessionId: null, text: 'hello' },
  'approval.decide': { approvalId: 'a-1', approved: true, scope: 'timeboxed', ttlMs: 60_000 },
  'draft.resend': { draftId: 'd-1' },
  'draft.discard': { draftId: 'd-1' },
  'drafts.flush': {},
  'dashboard.open': { section: 'approvals' },
  'settings.save': { preferences: { theme: 'dark' }, rollout: { offline_drafts_enabled: false } },
  'onboarding.acknowledgeWelcome': {},
  'onboarding.setStateRoot': { path: null },
  'onboarding.useInsecureSecretStore': { accept: true },
  'onboarding.recheck': {},
  'notifications.markRead': { ids: ['n-1'] },
  'node.enroll': {},
  'node.repair': {},
  'node.reset': {},
  'profile.switch': { profileName: 'lab', allowStrict: true },
  'onboarding.skipStep': { step: 'discord', skipped: true },
  'providers.openai.connectApiKey': { apiKey: 'sk-test-key', setDefault: true },
  'providers.openai.startOAuth': { clientId: 'client-1' },
  'providers.refresh': {},
  'providers.discord.probe': { token: 'bot-token', accountId: 'default' },
  'providers.discord.apply': { token: 'bot-token', verifyChannelId: '123456789' },
  'providers.discord.logout': { accountId: 'default' },
  'providers.discord.remove': { accountId: 'default' },
  'voice.transcribe': {
    sessionId: null,
    filename: 'voice.webm',
    contentType: 'audio/webm',
    audioBase64: 'AAAA',
  },
  'voice.update': { captureConsent: true, ttsMuted: false },
};
