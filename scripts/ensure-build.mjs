#!/usr/bin/env node
// `npm start` runs this first: it rebuilds only what is older than its sources, so a start with a
// current build takes a second instead of a full TypeScript + Vite build. Each part of the build
// leaves a stamp file when it succeeds; a part is rebuilt when any of its inputs is newer than its
// stamp (or the stamp or the output is missing). `--force` rebuilds everything.
import { spawnSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { staleReason } from './build-stamps.mjs';

const root = resolve(import.meta.dirname, '..');
const build = join(root, 'build');

const parts = [
  {
    name: 'main',
    inputs: ['main', 'test/fixtures', 'test/support', 'bench', 'tsconfig.base.json', 'tsconfig.build.json'],
    output: 'build/main/launch.js',
    command: ['npx', ['tsc', '-p', 'tsconfig.build.json']],
  },
  {
    name: 'ui',
    // The UI imports the contract (types and the client) from main/.
    inputs: ['tray-ui', 'main/contract', 'tsconfig.base.json'],
    output: 'build/tray-ui/index.html',
    command: ['npx', ['vite', 'build', '--config', 'tray-ui/vite.config.mts', '--logLevel', 'warn']],
  },
];

const force = process.argv.includes('--force');
for (const part of parts) {
  const stampPath = join(build, `.stamp-${part.name}`);
  const reason = force ? 'forced' : staleReason(root, part, stampPath);
  if (!reason) continue;
  process.stderr.write(`[build] ${part.name}: ${reason}; building…\n`);
  // Record the start time: sources edited during the build make the next start rebuild again.
  const startedAt = new Date();
  const [cmd, args] = part.command;
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[build] ${part.name} failed; fix the errors above, then run npm start again.\n`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampPath, `${startedAt.toISOString()}\n`);
  utimesSync(stampPath, startedAt, startedAt);
  process.stderr.write(
    `[build] ${part.name} built in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s (${relative(root, part.output)})\n`,
  );
}
