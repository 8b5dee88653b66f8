// A sidecar that forks helpers and then crashes must not leave them behind: the supervisor reaps
// what the dead sidecar left in its process group before it respawns, and stop()/dispose() reaps
// the helpers of the live instance. Repeated, because reaping races the crash.
import { afterEach, describe, expect, it } from 'vitest';
import { TestBed, isProcessAlive, pidsFromLogs, sidecarSpec } from '../integration/supervisor/harness';
import { waitFor } from '../support/wait-for';
import { cmdlineOf, killAllMentioning, processesMentioning } from './chaos-harness';

const ROUNDS = 5;
let bed: TestBed | null = null;

afterEach(async () => {
  if (!bed) return;
  const dir = bed.dir;
  await bed.cleanup();
  killAllMentioning(dir);
  bed = null;
});

/** Both kinds of helper a sidecar can leave: a plain child, and a double-forked orphan in its group. */
function helperPids(lines: { line: string }[]): number[] {
  return [...pidsFromLogs(lines, 'grandchild'), ...pidsFromLogs(lines, 'orphan')];
}

describe('sidecar with grandchildren that crashes', () => {
  it('leaves no grandchild alive after the crash nor after dispose (5 rounds)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const testBed = new TestBed();
      bed = testBed;
      const sup = testBed.supervisor(
        [
          sidecarSpec('leaky', null, ['--grandchild', '--orphan-grandchild', '--crash-after', '700'], {
            // Grandchildren inherit it: a /proc scan finds anything this round started.
            env: { CHAOS_MARKER: testBed.dir },
          }),
        ],
        {
          restartPolicy: {
            baseDelayMs: 300,
            maxDelayMs: 300,
            resetAfterHealthyMs: 60_000,
            crashLoopMaxFailures: 50,
            crashLoopWindowMs: 120_000,
          },
        },
      );
      const spawns = (): number[] =>
        sup
          .logs({ stream: 'supervisor' })
          .map((l) => /started \(pid=(\d+)\)/.exec(l.line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => Number(m[1]));
      const where = `round ${round}`;
      await sup.start('leaky');

      const firstLife = await waitFor(() => {
        const pids = helperPids(sup.logs({ service: 'leaky' }));
        return pids.length === 2 ? pids : null;
      }, `grandchild and orphan pids, ${where}`);
      firstLife.forEach((pid) => testBed.track(pid));
      for (const pid of firstLife) expect(isProcessAlive(pid), `${where}: helper ${pid} started`).toBe(true);

      // The sidecar crashes on its own; its helpers must be gone once it is respawned.
      const crashedPid = spawns()[0]!;
      await waitFor(() => spawns().length >= 2, `respawn after the crash, ${where}`, 20_000);
      expect(isProcessAlive(crashedPid), `${where}: crashed sidecar ${crashedPid}`).toBe(false);
      await waitFor(
        () => firstLife.every((pid) => !isProcessAlive(pid)),
        `${where}: helpers of the crashed sidecar reaped (${firstLife.map(cmdlineOf).join(' | ')})`,
        10_000,
      );

      // The second life forks its own helpers; dispose() must take them down with it.
      const allHelpers = await waitFor(() => {
        const pids = helperPids(sup.logs({ service: 'leaky' }));
        return pids.length >= 4 ? pids : null;
      }, `helpers of the respawned sidecar, ${where}`);
      allHelpers.forEach((pid) => testBed.track(pid));
      await sup.dispose();
      for (const pid of [...spawns(), ...allHelpers])
        expect(isProcessAlive(pid), `${where}: pid ${pid} (${cmdlineOf(pid)}) after dispose`).toBe(false);
      const left = processesMentioning(testBed.dir);
      expect(left.map(cmdlineOf), `${where}: processes left`).toEqual([]);

      await testBed.cleanup();
      bed = null;
    }
  }, 120_000);
});
