import { afterEach, describe, expect, it } from 'vitest';
import { TestBed, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

describe('Supervisor crash handling', () => {
  it('reports a crash, backs off, respawns and emits recovered once healthy again', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, [], { startupGraceMs: 2_000 })]);
    const crashed: { exitCode: number | null }[] = [];
    const recovered: string[] = [];
    sup.on('crashed', (e) => crashed.push(e));
    sup.on('recovered', (e) => recovered.push(e.service));
    await sup.start('gw');
    const first = await waitFor(() => sup.snapshot().find((s) => s.health === 'healthy'), 'healthy');
    await fetch(`http://127.0.0.1:${port}/crash`);
    const backoff = await waitFor(() => sup.snapshot().find((s) => s.state === 'backoff'), 'backoff');
    expect(backoff.nextRestartAtMs).not.toBeNull();
    expect(backoff.lastExit).toMatch(/code 1/);
    const again = await waitFor(
      () => sup.snapshot().find((s) => s.health === 'healthy' && s.pid !== first.pid),
      'respawned healthy',
    );
    bed.track(again.pid);
    expect(crashed).toHaveLength(1);
    expect(crashed[0]!.exitCode).toBe(1);
    expect(recovered).toEqual(['gw']);
    expect(again.restartAttempt).toBe(1);
    expect(
      sup
        .logs({ stream: 'supervisor' })
        .some((l) => /crashed or exited unexpectedly\); restart in \d+ ms/.test(l.line)),
    ).toBe(true);
  });

  it('doubles the backoff per attempt, trips the crash-loop breaker, and restarts only after retry()', async () => {
    bed = new TestBed();
    const sup = bed.supervisor([sidecarSpec('flaky', null, ['--crash-after', '100'])], {
      restartPolicy: {
        baseDelayMs: 100,
        maxDelayMs: 250,
        resetAfterHealthyMs: 60_000,
        crashLoopMaxFailures: 4,
        crashLoopWindowMs: 120_000,
      },
    });
    const delays: number[] = [];
    const loops: string[] = [];
    sup.on('service', (s) => {
      if (s.state === 'backoff' && s.nextRestartAtMs !== null) delays.push(s.restartAttempt);
    });
    sup.on('crash-looping', (e) => loops.push(e.service));
    await sup.start('flaky');
    const looped = await waitFor(
      () => sup.snapshot().find((s) => s.state === 'crash-looping'),
      'crash-looping',
    );
    expect(loops).toEqual(['flaky']);
    expect(looped.error?.code).toBe('crash_looping');
    expect(delays).toEqual([1, 2, 3]);
    const lines = sup.logs({ stream: 'supervisor' }).map((l) => l.line);
    const ms = lines
      .map((l) => /restart in (\d+) ms/.exec(l))
      .filter(Boolean)
      .map((m) => Number(m![1]));
    expect(ms).toEqual([100, 200, 250]);
    // No more restarts while crash-looping.
    await new Promise((r) => setTimeout(r, 700));
    expect(sup.snapshot()[0]!.state).toBe('crash-looping');
    expect(sup.snapshot()[0]!.pid).toBeNull();
    await sup.retry('flaky');
    const retried = await waitFor(() => sup.snapshot().find((s) => s.pid !== null), 'spawned after retry');
    bed.track(retried.pid);
    expect(retried.restartAttempt).toBe(0);
    expect(retried.error).toBeNull();
  });

  it('a clean exit (code 0) is restarted but not reported as a crash', async () => {
    bed = new TestBed();
    const sup = bed.supervisor([
      sidecarSpec('oneshot', null, ['--crash-after', '150', '--exit-code', '0'], { startupGraceMs: 50 }),
    ]);
    let crashes = 0;
    sup.on('crashed', () => crashes++);
    await sup.start('oneshot');
    const firstPid = (await waitFor(() => sup.snapshot()[0]!.pid, 'pid')) as number;
    const second = await waitFor(() => {
      const s = sup.snapshot()[0]!;
      return s.pid !== null && s.pid !== firstPid ? s : null;
    }, 'second run');
    bed.track(second.pid);
    expect(crashes).toBe(0);
    expect(sup.snapshot()[0]!.state).not.toBe('crash-looping');
  });
});

describe('Supervisor retry on a healthy service', () => {
  it('is a no-op: the running process keeps its pid and no port_busy appears', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, [])]);
    await sup.start('gw');
    const s = await waitFor(() => sup.snapshot().find((x) => x.health === 'healthy'), 'healthy');
    bed.track(s.pid);
    await sup.retry('gw');
    const after = sup.snapshot()[0]!;
    expect(after.pid).toBe(s.pid);
    expect(after.state).toBe('running');
    expect(after.error).toBeNull();
  });
});
