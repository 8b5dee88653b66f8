// Launch → all sidecars healthy, through the real product (headless host, core, simulator).
import { allHealthy, launchCompanion } from './companion-process';
import { median, runStandalone, type BenchRow } from './report';
import { waitFor } from '../test/support/wait-for';

const RUNS = 3;

export async function run(): Promise<BenchRow[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const companion = await launchCompanion();
    try {
      await waitFor(async () => allHealthy(await companion.snapshot()), 'all healthy', 60_000);
      times.push(performance.now() - companion.spawnedAtMs);
    } finally {
      await companion.stop();
    }
  }
  return [
    {
      name: 'launch (npm start --demo) → 3 sidecars healthy',
      value: median(times),
      unit: 'ms',
      runs: RUNS,
      note: `node process spawn to all healthy; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}`,
    },
  ];
}

if (require.main === module) void runStandalone(run);
