import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodePairingApi } from '../../../main/core/companion/node-pairing-api';
import {
  ADMIN_TOKEN,
  clientFor,
  ROOT,
  SIMULATOR,
  startSimulator,
  type RunningSimulator,
} from './simulator-process';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

const SIM_DIR = join(ROOT, 'build', 'main', 'dev', 'simulator');
const children: ChildProcess[] = [];
const servers: Server[] = [];
let sim: RunningSimulator | null = null;

afterEach(async () => {
  await sim?.stop();
  sim = null;
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
  }
  for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out, exit };
}

describe('simulated sidecar processes', () => {
  it('logs tracing-style JSON lines and binds the gRPC port', async () => {
    sim = await startSimulator();
    const lines = sim
      .stdout()
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { timestamp: string; level: string; fields: { message: string }; target: string },
      );
    expect(lines.map((l) => l.fields.message)).toEqual(
      expect.arrayContaining(['gateway startup', 'daemon listening', 'gateway gRPC listening']),
    );
    expect(lines[0]).toMatchObject({ level: 'INFO', target: 'palyra_daemon' });
    const probe = createServer();
    servers.push(probe);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      probe.once('error', resolve);
      probe.listen(sim!.grpcPort, '127.0.0.1', () => resolve(null));
    });
    expect(err?.code).toBe('EADDRINUSE');
  });

  it('exits 1 with palyrad’s message when the admin token is missing', async () => {
    const port = await freePort();
    const p = run(SIMULATOR, ['--port', String(port), '--grpc-port', '0']);
    expect((await p.exit).code).toBe(1);
    expect(p.out.stderr).toMatch(
      /admin auth is enabled but no admin token is configured; set PALYRA_ADMIN_TOKEN/,
    );
  });

  it('exits 1 with "failed to bind palyrad admin listener" on a busy port', async () => {
    const blocker = createServer();
    servers.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    const p = run(SIMULATOR, ['--bind', '127.0.0.1', '--port', String(busy), '--grpc-port', '0'], {
      PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    expect((await p.exit).code).toBe(1);
    expect(p.out.stderr).toMatch(/failed to bind palyrad admin listener/);
  });

  it('dies on SIGTERM (default action) and exits 0 on SIGINT', async () => {
    for (const [signal, expected] of [
      ['SIGTERM', { code: null, signal: 'SIGTERM' }],
      ['SIGINT', { code: 0, signal: null }],
    ] as const) {
      const port = await freePort();
      const p = run(SIMULATOR, ['--port', String(port), '--grpc-port', '0'], {
        PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
        PALYRA_ADMIN_REQUIRE_AUTH: 'false',
      });
      await waitFor(() => p.out.stdout.includes('daemon listening'), 'daemon listening', 30_000);
      p.child.kill(signal);
      expect(await p.exit).toEqual(expected);
    }
  });

  it('browserd stub answers /healthz as palyra-browserd and holds its gRPC port', async () => {
    const port = await freePort();
    const grpcPort = await freePort();
    const p = run(join(SIM_DIR, 'browserd.js'), ['--port', String(port), '--grpc-port', String(grpcPort)]);
    await waitFor(() => p.out.stdout.includes('gRPC listening'), 'browserd listening', 30_000);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ service: 'palyra-browserd', status: 'ok' });
    p.child.kill('SIGINT');
    expect((await p.exit).code).toBe(0);
  });

  it('node-host stub exits 2 when unpaired (as palyra does); paired through install + approval, it prints the multi-line run payload, keeps running, exits 0 on SIGINT', async () => {
    const root = mkdtempSync(join(tmpdir(), 'companion-nodehost-'));
    const env = { PALYRA_STATE_ROOT: root, PALYRA_GATEWAY_IDENTITY_STORE_DIR: join(root, 'identity') };
    try {
      const unpaired = run(join(SIM_DIR, 'nodehost.js'), ['node', 'run', '--json'], env);
      expect((await unpaired.exit).code).toBe(2);
      expect(unpaired.out.stderr).toContain('requires --method when local pairing material is absent');

      sim = await startSimulator();
      const pairing = new NodePairingApi(clientFor(sim));
      const deviceId = '01JZ8X6Q3V4N5M6K7J8H9G0F1E';
      const grpcUrl = `https://127.0.0.1:${sim.grpcPort + 1}`;
      const install = run(
        join(SIM_DIR, 'nodehost.js'),
        [
          'node',
          'install',
          '--json',
          '--device-id',
          deviceId,
          '--grpc-url',
          grpcUrl,
          '--method',
          'pin',
          '--pairing-code',
          await pairing.mintPinCode(),
        ],
        env,
      );
      const request = await waitFor(async () => (await pairing.pendingNodeRequests())[0], 'pairing request');
      expect(request).toMatchObject({ device_id: deviceId, client_kind: 'node', state: 'pending_approval' });
      await pairing.approve(request.request_id, 'test');
      expect((await install.exit).code).toBe(0);
      expect(JSON.parse(install.out.stdout)).toMatchObject({
        action: 'install',
        installed: true,
        paired: true,
        device_id: deviceId,
      });

      const p = run(join(SIM_DIR, 'nodehost.js'), ['node', 'run', '--json'], env);
      await waitFor(() => p.out.stdout.trim().endsWith('}'), 'run payload', 30_000);
      expect(p.out.stdout.split('\n').length).toBeGreaterThan(3);
      expect(JSON.parse(p.out.stdout)).toEqual({
        action: 'run',
        device_id: deviceId,
        grpc_url: `${grpcUrl}/`,
        poll_interval_ms: 1000,
        paired: true,
        capability_count: 5,
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(p.child.exitCode).toBeNull();
      p.child.kill('SIGINT');
      expect((await p.exit).code).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('demo mode seeds sessions and raises approvals', async () => {
    sim = await startSimulator({ PALYRA_SIM_DEMO: '1', PALYRA_SIM_DEMO_APPROVAL_INTERVAL_MS: '300' });
    const { GatewayClient } = await import('../../../main/core/gateway');
    const client = new GatewayClient({ baseUrl: sim.baseUrl, getAdminToken: async () => ADMIN_TOKEN });
    expect((await client.listSessions()).map((s) => s.label)).toEqual(
      expect.arrayContaining(['Release checklist', 'Daily summary']),
    );
    await waitFor(async () => (await client.pendingApprovals()).length >= 2, 'demo approvals', 20_000, {
      retryOnError: true,
    });
  });
});
