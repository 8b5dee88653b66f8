// `npm run bench`: every figure the project measures, as one markdown table, also written to
// docs/performance.md with the machine it was taken on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as approvals from './approvals';
import * as crash from './crash';
import * as gateway from './gateway';
import * as idle from './idle';
import * as launch from './launch';
import * as logFlood from './log-flood';
import { markdownTable, type BenchRow } from './report';
import * as ui from './ui';

type Suite = { name: string; run: () => Promise<BenchRow[]> };

const SUITES: Suite[] = [
  { name: 'idle', run: idle.run },
  { name: 'crash', run: crash.run },
  { name: 'approvals', run: approvals.run },
  { name: 'log-flood', run: logFlood.run },
  { name: 'launch', run: launch.run },
  { name: 'gateway', run: gateway.run },
  { name: 'ui', run: ui.run },
];

/**
 * Suites other work adds as one file exporting `run()` (bench/real-palyra.ts: the "(real palyrad)"
 * rows against Palyra's own daemons): run when the file exists, after the built-in ones.
 */
const OPTIONAL_SUITES = ['real-palyra'];

function optionalSuites(): Suite[] {
  const found: Suite[] = [];
  for (const name of OPTIONAL_SUITES) {
    if (!existsSync(join(__dirname, `${name}.js`))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`./${name}`) as { run?: () => Promise<BenchRow[]> };
    if (typeof mod.run === 'function') found.push({ name, run: mod.run });
  }
  return found;
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${process.platform} ${process.arch}, Node ${process.version}`;
}

const DOC = join(__dirname, '..', '..', 'docs', 'performance.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the table between the markers of docs/performance.md; the prose around it stays. */
function writeTable(table: string): void {
  const section = `${START}\nLatest \`npm run bench\` (${new Date().toISOString().slice(0, 10)}), on ${machine()}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )} while it ran (1/5/15 min, at the end).\nEach figure is the median over the runs given.\n\n${table}\n${END}`;
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n\n';
  const at = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    at >= 0 && end > at
      ? current.slice(0, at) + section + current.slice(end + END.length)
      : `${current}\n${section}\n`;
  writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const suite of [...SUITES, ...optionalSuites()]) {
    if (only.length > 0 && !only.includes(suite.name)) continue;
    process.stderr.write(`bench: ${suite.name}…\n`);
    rows.push(...(await suite.run()));
  }
  const table = markdownTable(rows);
  console.log(table);
  if (only.length === 0) writeTable(table);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
