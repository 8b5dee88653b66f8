// The port is free at preflight, but a foreign process binds it before the sidecar does. The
// sidecar dies on "address in use"; the next preflight must see the busy port and stop there with
// port_busy naming it, instead of respawning into the same failure forever. Retry after the
// foreign listener is gone brings the service back.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIDECAR, TestBed, isProcessAlive, sidecarSpec } from '../integration/supervisor/harness';
import { freePort } from '../support/ports';
import { waitFor } from '../support/wait-for';
import { cmdlineOf, killAllMentioning, processesMentioning } from './chaos-harness';

let bed: TestBed | null = null;
let foreign: Server | null = null;

afterEach(async () => {
  if (foreign?.listening) await new Promise((r) => foreign!.close(r));
  foreign = null;
  if (!bed) return;
  const dir = bed.dir;
  await bed.cleanup();
  killAllMentioning(dir);
  bed = null;
});

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Hangs up on whoever connects (the preflight's /healthz probe), so close() is not held open.
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('gateway port stolen between preflight and bind', () => {
  it('fails with port_busy after at most two spawns, stays up, and recovers on retry', async () => {
    const testBed = new TestBed();
    bed = testBed;
    const port = await freePort();
    const gate = join(testBed.dir, 'go');
    // Waits for the test to open the gate before binding: the window in which the port is stolen
    // is the test's choice, not a sleep's length.
    const script = `while [ ! -e '${gate}' ]; do sleep 0.02; done; exec '${process.execPath}' '${SIDECAR}' --port ${port}`;
    const sup = testBed.supervisor([
      sidecarSpec('gw', port, [], {
        kind: 'gateway',
        binary: '/bin/sh',
        args: ['-c', script],
        env: { CHAOS_MARKER: testBed.dir },
      }),
    ]);
    const spawns = (): number[] =>
      sup
        .logs({ stream: 'supervisor' })
        .map((l) => /started \(pid=(\d+)\)/.exec(l.line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]));

    await sup.start('gw');
    const firstPid = await waitFor(() => spawns()[0], 'first spawn (preflight passed)');
    testBed.track(firstPid);
    foreign = await listenOn(port);
    writeFileSync(gate, '');

    const failed = await waitFor(
      () => sup.snapshot().find((s) => s.state === 'failed' || s.state === 'crash-looping'),
      'the supervisor gives up on the busy port',
      30_000,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}\n${sup
          .logs()
          .map((l) => l.line)
          .join('\n')}`,
      );
    });
    const log = sup
      .logs()
      .map((l) => l.line)
      .join('\n');
    expect(failed.state, log).toBe('failed');
    expect(failed.error?.code, log).toBe('port_busy');
    expect(failed.error?.message).toContain(`port ${port}`);
    expect(failed.error?.message).toContain(`pid ${process.pid}`);
    expect(failed.pid).toBeNull();
    const spawnsWhileStolen = spawns();
    expect(spawnsWhileStolen.length, `spawns while the port was stolen:\n${log}`).toBeLessThanOrEqual(2);
    for (const pid of spawnsWhileStolen) expect(isProcessAlive(pid), `spawned pid ${pid}`).toBe(false);
    // It stays failed: watched for a couple of seconds (many restart-policy steps), no new spawn.
    const respawned = await waitFor(
      () => spawns().length > spawnsWhileStolen.length || sup.snapshot()[0]!.state !== 'failed',
      'a respawn that must not happen',
      2_000,
    ).catch(() => false);
    expect(
      respawned,
      sup
        .logs()
        .map((l) => l.line)
        .join('\n'),
    ).toBe(false);
    expect(spawns()).toEqual(spawnsWhileStolen);

    await new Promise((r) => foreign!.close(r));
    foreign = null;
    await sup.retry('gw');
    const healthy = await waitFor(
      () => sup.snapshot().find((s) => s.state === 'running' && s.health === 'healthy'),
      'healthy after retry',
      30_000,
    );
    testBed.track(healthy.pid);
    expect(spawns().length).toBe(spawnsWhileStolen.length + 1);
    expect(healthy.error).toBeNull();

    await sup.dispose();
    expect(processesMentioning(testBed.dir).map(cmdlineOf)).toEqual([]);
  }, 60_000);
});
