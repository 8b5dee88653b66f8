// Does the companion throttle a sidecar that floods stdout? The same writer (the test sidecar's
// --flood, 1,000,000 lines) runs twice per round: piped into `cat > /dev/null`, and as an extra
// sidecar of the real companion (declared in extra-sidecars.json, as an operator would). The
// writer times itself from its first write to its last accepted write, so the figure is how much
// longer the companion made it wait: a ratio against `cat` measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCompanion } from './companion-process';
import { median, runStandalone, type BenchRow } from './report';
import { waitFor } from '../test/support/wait-for';

const LINES = 1_000_000;
const ROUNDS = 3;
const WRITER = join(__dirname, 'flood-writer.js');

function readResult(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function intoCat(resultFile: string): Promise<number> {
  const child = spawn(
    'sh',
    ['-c', `"${process.execPath}" "${WRITER}" ${LINES} "${resultFile}" exit | cat > /dev/null`],
    {
      stdio: 'ignore',
    },
  );
  await new Promise((r) => child.once('exit', r));
  const ms = readResult(resultFile);
  if (ms === null) throw new Error('flood bench: the writer under cat reported nothing');
  return ms;
}

async function intoCompanion(resultFile: string): Promise<number> {
  const companion = await launchCompanion({
    extraSidecars: [
      {
        name: 'flood',
        command: process.execPath,
        args: [WRITER, String(LINES), resultFile, 'stay'],
        health: { type: 'none' },
      },
    ],
  });
  try {
    return await waitFor(() => readResult(resultFile), 'the flood to finish under the companion', 120_000, {
      intervalMs: 50,
    });
  } finally {
    await companion.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'companion-flood-'));
  const cat: number[] = [];
  const companion: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i += 1) {
      cat.push(await intoCat(join(dir, `cat-${i}`)));
      companion.push(await intoCompanion(join(dir, `companion-${i}`)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ratios = companion.map((c, i) => c / cat[i]!);
  return [
    {
      name: 'a sidecar flooding stdout: time to write 1M lines under the companion ÷ into `cat`',
      value: median(ratios),
      unit: '×',
      runs: ROUNDS,
      note: `wanted ≤ 2; per round ${ratios.map((r) => r.toFixed(2)).join(', ')}; companion ${companion.map((x) => x.toFixed(0)).join(', ')} ms vs cat ${cat.map((x) => x.toFixed(0)).join(', ')} ms (the writer times itself, alternating rounds)`,
    },
  ];
}

if (require.main === module) void runStandalone(run);
