// @vitest-environment node
// The tray UI's WebSocket client and store against the real headless host (main/host) over a
// real loopback socket. Core is played by the FakeClient's handlers, so this checks the wire:
// the host's first `snapshot` event, call/reply framing, zod validation in dispatchCall, event
// forwarding, and the 4401 close for a wrong token.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { CallName, ContractHandlers } from '../../main/contract/calls';
import type { CompanionCore } from '../../main/contract/dispatch';
import { eventNames, type EventName, type EventPayloads } from '../../main/contract/events';
import { startHost, type RunningHost } from '../../main/host';
import { FakeClient } from '../../tray-ui/src/lib/client/fake-client';
import type { LinkStatus } from '../../tray-ui/src/lib/client/tray-client';
import { WebSocketClient } from '../../tray-ui/src/lib/client/websocket-client';
import { CompanionStore } from '../../tray-ui/src/lib/store.svelte';

// The ui project resolves packages with the `browser` condition (for Svelte), which maps `ws` to
// its throwing browser stub. Hand the host and this test the real Node `ws`, loaded by path.
vi.mock('ws', async () => {
  const { createRequire } = await import('node:module');
  const { resolve } = await import('node:path');
  const ws = createRequire(resolve('package.json'))(
    resolve('node_modules/ws/index.js'),
  ) as typeof import('ws');
  return { ...ws, default: ws };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function coreFrom(fake: FakeClient): CompanionCore {
  const handlers = new Proxy({} as ContractHandlers, {
    get: (_target, name) => (params: never) => fake.call(name as CallName, params),
  });
  return {
    handlers,
    subscribe(listener) {
      const offs = eventNames.map((event: EventName) =>
        fake.on(event, (payload) => listener(event, payload as EventPayloads[typeof event])),
      );
      return () => offs.forEach((off) => off());
    },
    onNativeNotification: () => () => {},
    shutdown: async () => {},
  };
}

async function start(): Promise<{ fake: FakeClient; host: RunningHost }> {
  const uiDir = await mkdtemp(join(tmpdir(), 'tray-ui-wire-'));
  await writeFile(join(uiDir, 'index.html'), '<!doctype html><title>t</title>');
  const fake = new FakeClient();
  const host = await startHost({ core: coreFrom(fake), uiDir, port: 0 });
  cleanups.push(() => rm(uiDir, { recursive: true, force: true }));
  cleanups.push(() => host.close());
  return { fake, host };
}

function clientFor(host: RunningHost, token: string): { client: WebSocketClient; links: LinkStatus[] } {
  const client = new WebSocketClient(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, {
    initialBackoffMs: 50,
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
  });
  cleanups.push(() => client.close());
  const links: LinkStatus[] = [];
  client.onLink((s) => links.push(s));
  return { client, links };
}

describe('tray-ui client ↔ headless host', () => {
  it('loads the snapshot, applies pushed patches and decides an approval', async () => {
    const { fake, host } = await start();
    const { client } = clientFor(host, host.token);
    const store = new CompanionStore(client);
    cleanups.push(() => store.stop());
    await store.start();
    expect(store.snapshot?.approvals.map((a) => a.approvalId)).toEqual(['apr-0000', 'apr-0002']);

    fake.patch({ overall: 'degraded' });
    await expect.poll(() => store.snapshot?.overall, { timeout: 10_000 }).toBe('degraded');

    const result = await store.act('a', 'approval.decide', {
      approvalId: 'apr-0000',
      approved: true,
      scope: 'session',
    });
    expect(result).toEqual({ ok: true, message: 'Approved.' });
    expect(fake.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: true, scope: 'session' },
    ]);
    await expect.poll(() => store.snapshot?.approvals.length, { timeout: 10_000 }).toBe(1);
  });

  it("surfaces the host's validation error as an actionable error", async () => {
    const { host } = await start();
    const { client } = clientFor(host, host.token);
    const store = new CompanionStore(client);
    cleanups.push(() => store.stop());
    await store.start();
    await store.act('a', 'approval.decide', { approvalId: 'x', approved: true, scope: 'timeboxed' });
    expect(store.errors['a']).toMatchObject({ code: 'invalid_params', hint: expect.any(String) });
  });

  it('stops and reports when the host rejects the token', async () => {
    const { host } = await start();
    const { links } = clientFor(host, 'not-the-token');
    await expect.poll(() => links.at(-1)?.rejected, { timeout: 10_000 }).toBe(true);
  });
});
