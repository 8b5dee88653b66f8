import { afterEach, describe, expect, it } from 'vitest';
import { TestBed, isProcessAlive, pidsFromLogs, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

describe('Supervisor stop', () => {
  it('kills the whole tree: children, a double-forked orphan in the group and a grandchild that left the group', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([
      sidecarSpec('gw', port, ['--grandchild', '--orphan-grandchild', '--escaped-grandchild']),
    ]);
    await sup.start('gw');
    const s = await waitFor(() => sup.snapshot().find((x) => x.health === 'healthy'), 'healthy');
    bed.track(s.pid);
    const logs = await waitFor(() => {
      const l = sup.logs({ service: 'gw' });
      return pidsFromLogs(l, 'orphan').length > 0 ? l : null;
    }, 'grandchild pids');
    const kids = [
      ...pidsFromLogs(logs, 'grandchild'),
      ...pidsFromLogs(logs, 'orphan'),
      ...pidsFromLogs(logs, 'escaped'),
    ];
    expect(kids).toHaveLength(3);
    kids.forEach((k) => bed.track(k));
    for (const k of kids) expect(isProcessAlive(k)).toBe(true);
    await sup.stop('gw');
    for (const k of [s.pid!, ...kids]) expect(isProcessAlive(k)).toBe(false);
  });

  it('escalates SIGINT → SIGTERM → SIGKILL for a sidecar that ignores signals', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([
      sidecarSpec('stubborn', port, ['--ignore-signals'], { stopTimeoutMs: 1_500 }),
    ]);
    await sup.start('stubborn');
    const s = await waitFor(() => sup.snapshot().find((x) => x.health === 'healthy'), 'healthy');
    bed.track(s.pid);
    await sup.stop('stubborn');
    expect(isProcessAlive(s.pid!)).toBe(false);
    const lines = sup.logs({ service: 'stubborn' }).map((l) => l.line);
    expect(lines).toContain('INFO ignoring SIGINT');
    expect(lines).toContain('INFO ignoring SIGTERM');
    expect(lines.some((l) => l.includes('stopped (after SIGKILL)'))).toBe(true);
    expect(sup.snapshot()[0]!.state).toBe('stopped');
  });

  it('after a crash, kills what the dead sidecar left in its group before respawning', async () => {
    bed = new TestBed();
    const sup = bed.supervisor(
      [sidecarSpec('leaky', null, ['--orphan-grandchild', '--crash-after', '600'])],
      {
        restartPolicy: {
          baseDelayMs: 5_000,
          maxDelayMs: 5_000,
          resetAfterHealthyMs: 60_000,
          crashLoopMaxFailures: 5,
          crashLoopWindowMs: 120_000,
        },
      },
    );
    await sup.start('leaky');
    const orphan = (await waitFor(
      () => pidsFromLogs(sup.logs({ service: 'leaky' }), 'orphan')[0],
      'orphan pid',
    )) as number;
    bed.track(orphan);
    await waitFor(() => sup.snapshot()[0]!.state === 'backoff', 'backoff');
    await waitFor(() => !isProcessAlive(orphan), 'orphan killed');
    await sup.stop('leaky');
  });
});
