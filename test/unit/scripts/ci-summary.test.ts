import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// .ci/summary closes every CI log. A previous version ended the whole CI run with exit code 1
// after a fully green run, because a grep that found no "N failing" line tripped pipefail.
const summary = join(__dirname, '..', '..', '..', '.ci', 'summary');

describe('.ci/summary (the closing line of a CI run)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function run(log: string, rc: number) {
    const dir = mkdtempSync(join(tmpdir(), 'ci-summary-'));
    dirs.push(dir);
    const file = join(dir, 'log');
    writeFileSync(file, log);
    const out = spawnSync('bash', [summary, file, String(rc)], { encoding: 'utf8' });
    return { status: out.status, line: out.stdout.trim(), stderr: out.stderr };
  }

  const vitestGreen =
    '\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m535 passed\x1b[39m\x1b[22m | 15 skipped (550)\n';
  const specs = '[chrome 156 linux #0-1] 3 passing (13.5s)\n[chrome 156 linux #0-2] 4 passing (1s)\n';
  const skipped = 'SKIPPED: Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)\n';

  it('a green run with no failing spec exits 0 and counts Vitest plus every spec test', () => {
    const out = run(vitestGreen + specs + skipped, 0);
    expect(out.status).toBe(0);
    expect(out.line).toBe(
      '542 passed, 0 failed; Electron suite skipped (Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD))',
    );
  });

  it('counts failures from Vitest and from specs, and keeps the test command exit code', () => {
    const log = '      Tests  2 failed | 533 passed (550)\n' + specs + '[chrome #0-3] 1 failing (2s)\n';
    const out = run(log, 1);
    expect(out.status).toBe(1);
    expect(out.line).toBe('540 passed, 3 failed');
  });

  it('a run that died before any test (npm ci failed) still says it failed', () => {
    const out = run('npm ERR! network\n', 1);
    expect(out.status).toBe(1);
    expect(out.line).toBe('0 passed, 1 failed');
  });
});
