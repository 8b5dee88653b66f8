// `npm run bench`: every figure the project measures, as one markdown table, also written to
// docs/performance.md with the machine it was taken on.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import * as gateway from './gateway';
import * as launch from './launch';
import { markdownTable, type BenchRow } from './report';
import * as supervisor from './supervisor';
import * as ui from './ui';

const SUITES: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: 'supervisor', run: supervisor.run },
  { name: 'gateway', run: gateway.run },
  { name: 'launch', run: launch.run },
  { name: 'ui', run: ui.run },
];

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${process.platform} ${process.arch}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const suite of SUITES) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    process.stderr.write(`bench: ${suite.name}…\n`);
    rows.push(...(await suite.run()));
  }
  const table = markdownTable(rows);
  console.log(table);
  if (only.length === 0) {
    const doc = `# Performance\n\nLatest \`npm run bench\` (${new Date().toISOString().slice(0, 10)}), on ${machine()}.\nEach figure is the median over the runs given.\n\n${table}\n`;
    writeFileSync(join(__dirname, '..', '..', 'docs', 'performance.md'), doc);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
