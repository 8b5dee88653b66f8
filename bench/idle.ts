// Idle cost of the real product (demo mode, 3 healthy sidecars, no UI connected), measured from
// outside through /proc over several windows with production intervals.
import { allHealthy, launchCompanion, type RunningCompanion } from './companion-process';
import { idleProfile, processTree, type IdleProfile } from './proc-sample';
import { runStandalone, type BenchRow } from './report';
import { waitFor } from '../test/support/wait-for';

export const IDLE_WINDOWS = 5;
export const IDLE_WINDOW_MS = 8_000;
/** Let start-up work (first reads, JIT, GC of start-up garbage) finish before measuring. */
export const SETTLE_MS = 5_000;

export async function healthyCompanion(): Promise<RunningCompanion> {
  const companion = await launchCompanion();
  try {
    await waitFor(async () => allHealthy(await companion.snapshot(), 3), 'all healthy', 60_000);
  } catch (err) {
    await companion.stop();
    throw err;
  }
  return companion;
}

export function companionOnly(companion: RunningCompanion): () => number[] {
  return () => [companion.pid];
}

export function describeProfile(p: IdleProfile): string {
  const cpu = p.windows.map((w) => w.cpuPercent.toFixed(2)).join(', ');
  return `${p.windows.length} windows × ${IDLE_WINDOW_MS / 1000} s: ${cpu} %; ${p.wakeups.toFixed(1)} wake-ups/s`;
}

export async function run(): Promise<BenchRow[]> {
  const companion = await healthyCompanion();
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const own = await idleProfile(companionOnly(companion), IDLE_WINDOWS, IDLE_WINDOW_MS);
    const tree = await idleProfile(() => processTree(companion.pid), IDLE_WINDOWS, IDLE_WINDOW_MS);
    const children = processTree(companion.pid).length - 1;
    return [
      {
        name: 'companion CPU while idle, no UI (3 healthy sidecars)',
        value: own.cpu,
        unit: '% of a core',
        runs: IDLE_WINDOWS,
        note: `wanted < 0.3; /proc schedstat of the companion process from outside; ${describeProfile(own)}`,
      },
      {
        name: 'companion RSS while idle',
        value: own.rss,
        unit: 'MiB',
        runs: IDLE_WINDOWS,
        note: `wanted < 60; /proc statm; peak ${own.peakRss.toFixed(1)} MiB`,
      },
      {
        name: `companion + its ${children} sidecar processes: CPU while idle`,
        value: tree.cpu,
        unit: '% of a core',
        runs: IDLE_WINDOWS,
        note: `the demo sidecars are Node simulators; ${describeProfile(tree)}`,
      },
      {
        name: 'companion + sidecars: RSS while idle',
        value: tree.rss,
        unit: 'MiB',
        runs: IDLE_WINDOWS,
        note: `peak ${tree.peakRss.toFixed(1)} MiB`,
      },
    ];
  } finally {
    await companion.stop();
  }
}

if (require.main === module) void runStandalone(run);
