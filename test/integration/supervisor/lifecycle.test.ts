import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSnapshot } from '../../../main/contract/model';
import { TestBed, isProcessAlive, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

describe('Supervisor lifecycle', () => {
  it('announces the pid of every spawn, even for a sidecar that dies inside its grace period', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor(
      [
        sidecarSpec('gw', port, ['--ready-delay', '5000', '--crash-after', '300'], {
          startupGraceMs: 10_000,
        }),
      ],
      { restartPolicy: { baseDelayMs: 50 } },
    );
    const announced = new Set<number>();
    sup.on('service', (s) => {
      if (s.state === 'starting' && s.pid !== null) announced.add(s.pid);
    });
    await sup.start('gw');
    await waitFor(() => announced.size >= 2, 'two spawns announced with their pids');
    await sup.stop('gw');
  });

  it('starts a sidecar, probes it healthy with history and version, records it, and stops it with SIGINT', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, ['--version', '9.9.9', '--ready-delay', '300'])]);
    const states: string[] = [];
    sup.on('service', (s) => states.push(`${s.state}/${s.health}`));
    await sup.start('gw');
    const healthy = await waitFor(() => sup.snapshot().find((s) => s.health === 'healthy'), 'healthy');
    bed.track(healthy.pid);
    expect(states[0]).toBe('starting/unknown');
    expect(states).toContain('running/healthy');
    expect(healthy.version).toBe('9.9.9');
    expect(healthy.healthHistory.length).toBeGreaterThan(0);
    expect(healthy.healthHistory.at(-1)!.ok).toBe(true);
    expect(healthy.healthHistory.at(-1)!.latencyMs).toBeGreaterThanOrEqual(0);
    const registry = JSON.parse(readFileSync(join(bed.dir, 'companion', 'sidecars.json'), 'utf8')) as {
      sidecars: { pid: number; startTime: string; cmdline: string[] }[];
    };
    expect(registry.sidecars[0]!.pid).toBe(healthy.pid);
    expect(registry.sidecars[0]!.startTime).toMatch(/^\d+$/);
    expect(registry.sidecars[0]!.cmdline).toContain('--version');

    await sup.stop('gw');
    const stopped = sup.snapshot()[0]!;
    expect(stopped.state).toBe('stopped');
    expect(isProcessAlive(healthy.pid!)).toBe(false);
    expect(stopped.lastExit).toMatch(/code 0/); // the sidecar handled SIGINT cleanly
    expect(sup.logs({ service: 'gw' }).some((l) => l.line.includes('shutting down on SIGINT'))).toBe(true);
    const after = JSON.parse(readFileSync(join(bed.dir, 'companion', 'sidecars.json'), 'utf8')) as {
      sidecars: unknown[];
    };
    expect(after.sidecars).toEqual([]);
  });

  it('restart() is neither counted nor reported as a crash', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, [])]);
    let crashes = 0;
    sup.on('crashed', () => crashes++);
    await sup.start('gw');
    const first = await waitFor(() => sup.snapshot().find((s) => s.health === 'healthy'), 'healthy');
    await sup.restart('gw');
    const second = await waitFor(
      () => sup.snapshot().find((s) => s.health === 'healthy' && s.pid !== first.pid),
      'healthy again',
    );
    bed.track(second.pid);
    expect(crashes).toBe(0);
    expect(second.restartAttempt).toBe(0);
    expect(isProcessAlive(first.pid!)).toBe(false);
    expect(sup.logs({ stream: 'supervisor' }).some((l) => /crash/i.test(l.line))).toBe(false);
  });

  it('is `starting` inside the grace period, then reports unhealthy (still running) past it', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([
      sidecarSpec('gw', port, ['--status', 'degraded'], { startupGraceMs: 3_000 }),
    ]);
    await sup.start('gw');
    // Failed probes inside the grace period: still `starting`, health unknown.
    await waitFor(
      () => sup.snapshot()[0]!.healthHistory.some((p) => !p.ok && p.detail?.includes('degraded')),
      'a failed probe',
    );
    expect(sup.snapshot()[0]!.state).toBe('starting');
    expect(sup.snapshot()[0]!.health).toBe('unknown');
    const s = await waitFor(() => sup.snapshot().find((x) => x.health === 'unhealthy'), 'unhealthy');
    bed.track(s.pid);
    expect(s.state).toBe('running');
    expect(s.healthHistory.at(-1)!.detail).toMatch(/degraded/);
  });

  it('a daemon answering as another service is unhealthy, with the name in the probe detail', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, ['--service', 'foo'], { startupGraceMs: 300 })]);
    await sup.start('gw');
    // On a loaded machine the first probe past the grace period may still find nothing listening.
    const s: ServiceSnapshot = await waitFor(
      () =>
        sup
          .snapshot()
          .find((x) => x.health === 'unhealthy' && x.healthHistory.at(-1)?.detail?.includes('answering as')),
      'unhealthy',
    );
    bed.track(s.pid);
    expect(s.healthHistory.at(-1)!.detail).toContain("answering as 'foo', not palyrad");
  });

  it('output probe: the node host is healthy once its multi-line {"action":"run"} JSON appears', async () => {
    bed = new TestBed();
    const sup = bed.supervisor([
      sidecarSpec('nodehost', null, ['--ready-json', '--ready-delay', '400'], {
        kind: 'nodehost',
        health: { type: 'output', pattern: '"action"\\s*:\\s*"run"' },
      }),
    ]);
    await sup.start('nodehost');
    expect(sup.snapshot()[0]!.health).toBe('unknown');
    const s = await waitFor(() => sup.snapshot().find((x) => x.health === 'healthy'), 'healthy');
    bed.track(s.pid);
    expect(s.state).toBe('running');
  });

  it('startAll starts gateway first; stopAll stops nodehost, browserd, gateway in that order', async () => {
    bed = new TestBed();
    const [p1, p2] = [await freePort(), await freePort()];
    const sup = bed.supervisor([
      sidecarSpec('nodehost', null, [], { kind: 'nodehost', startupGraceMs: 100 }),
      sidecarSpec('browserd', p2, ['--service', 'palyra-browserd'], {
        kind: 'browserd',
        health: { type: 'http', url: `http://127.0.0.1:${p2}/healthz`, expectService: 'palyra-browserd' },
      }),
      sidecarSpec('gateway', p1, [], { kind: 'gateway' }),
    ]);
    await sup.startAll();
    await waitFor(() => sup.snapshot().every((s) => s.health === 'healthy'), 'all healthy');
    const started = sup
      .logs({ stream: 'supervisor' })
      .filter((l) => l.line.startsWith('start requested'))
      .map((l) => l.service);
    expect(started).toEqual(['gateway', 'browserd', 'nodehost']);
    for (const s of sup.snapshot()) bed.track(s.pid);
    await sup.stopAll();
    const stopped = sup
      .logs({ stream: 'supervisor' })
      .filter((l) => / stopped \(after/.test(l.line))
      .map((l) => l.service);
    expect(stopped).toEqual(['nodehost', 'browserd', 'gateway']);
    expect(existsSync(join(bed.dir, 'companion', 'sidecars.json'))).toBe(true);
  });
});
