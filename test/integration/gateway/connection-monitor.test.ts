import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../main/contract/model';
import { ConnectionMonitor, GatewayClient } from '../../../main/core/gateway';
import { ADMIN_TOKEN, SIMULATOR, startSimulator, type RunningSimulator } from './simulator-process';
import { waitFor } from '../../support/wait-for';

const sims: RunningSimulator[] = [];
const monitors: ConnectionMonitor[] = [];
afterEach(async () => {
  for (const m of monitors.splice(0)) m.stop();
  for (const s of sims.splice(0)) await s.stop();
});

describe('ConnectionMonitor with a real client and simulator', () => {
  it('goes connected → reconnecting → offline when the gateway dies, and back when it returns', async () => {
    const first = await startSimulator();
    sims.push(first);
    const client = new GatewayClient({ baseUrl: first.baseUrl, getAdminToken: async () => ADMIN_TOKEN });
    const monitor = new ConnectionMonitor({
      probe: () => client.probe(1000),
      healthyIntervalMs: 200,
      initialBackoffMs: 100,
      maxBackoffMs: 400,
      offlineAfterMs: 1500,
    });
    monitors.push(monitor);
    const seen: ConnectionState[] = [];
    monitor.on('state', (snapshot) => seen.push(snapshot.state));
    monitor.start();
    await waitFor(() => monitor.state === 'connected', 'connected', 20_000);
    expect(monitor.snapshot().lastConnectedAtMs).not.toBeNull();

    await first.stop();
    await waitFor(() => monitor.state === 'reconnecting', 'reconnecting', 20_000);
    expect(monitor.snapshot().error?.code).toBe('gateway_unreachable');
    expect(monitor.nextRetryAtMs).not.toBeNull();
    await waitFor(() => monitor.state === 'offline', 'offline', 20_000);

    // The gateway comes back on the same port (a restart): the monitor reconnects by itself.
    const port = first.port;
    const again = spawn(
      process.execPath,
      [
        SIMULATOR,
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--grpc-bind',
        '127.0.0.1',
        '--grpc-port',
        String(first.grpcPort),
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
          PALYRA_ADMIN_BOUND_PRINCIPAL: 'admin:desktop-control-center',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let againErr = '';
    again.stderr?.on('data', (d: Buffer) => (againErr += d.toString()));
    try {
      await waitFor(
        () => {
          // A restart that cannot bind would leave the monitor waiting for nothing: say why at once.
          if (again.exitCode !== null)
            throw new Error(`the restarted gateway exited ${again.exitCode}: ${againErr.slice(-500)}`);
          return monitor.state === 'connected';
        },
        'reconnected',
        30_000,
      );
      expect(seen).toEqual(['connected', 'reconnecting', 'offline', 'connected']);
    } finally {
      if (again.exitCode === null && again.signalCode === null) {
        const gone = new Promise((r) => again.once('exit', r));
        again.kill('SIGKILL');
        await gone;
      }
    }
    // Longer than the sum of the waits above, so a slow step fails naming itself, not as a bare timeout.
  }, 120_000);

  it('markFailure moves a connected monitor to reconnecting; not desired means offline', async () => {
    const s = await startSimulator();
    sims.push(s);
    const client = new GatewayClient({ baseUrl: s.baseUrl, getAdminToken: async () => ADMIN_TOKEN });
    let desired = true;
    const monitor = new ConnectionMonitor({
      probe: () => client.probe(1000),
      isDesired: () => desired,
      healthyIntervalMs: 60_000,
      initialBackoffMs: 100,
      maxBackoffMs: 300,
    });
    monitors.push(monitor);
    monitor.start();
    await waitFor(() => monitor.state === 'connected', 'connected', 20_000);
    monitor.markFailure(new Error('call failed'));
    expect(monitor.state).toBe('reconnecting');
    await waitFor(() => monitor.state === 'connected', 'connected again', 20_000);
    desired = false;
    monitor.probeNow();
    await waitFor(() => monitor.state === 'offline', 'offline when not desired', 20_000);
  });
});
