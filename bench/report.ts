// Shared by every bench module: each returns rows, `bench/run.ts` prints one markdown table.

export interface BenchRow {
  /** What was measured, e.g. "supervisor: start() → healthy, 3 sidecars". */
  name: string;
  /** The median over `runs`. */
  value: number;
  unit: string;
  runs: number;
  /** Optional context: min/max, sample size, conditions. */
  note?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function markdownTable(rows: BenchRow[]): string {
  const lines = ['| figure | median | unit | runs | note |', '|---|---:|---|---:|---|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${formatValue(r.value)} | ${r.unit} | ${r.runs} | ${r.note ?? ''} |`);
  }
  return lines.join('\n');
}

/** Lets a bench module run on its own: `node build/bench/<module>.js`. */
export async function runStandalone(run: () => Promise<BenchRow[]>): Promise<void> {
  const rows = await run();
  console.log(markdownTable(rows));
}
