// Every bad state root is one actionable line and exit code 2 from the real launcher: no stack
// trace, no spin. Read-only and full roots are real tmpfs mounts; the unwritable one is a root-owned
// directory seen by the `nobody` user. SIGHUP (terminal closed) shuts down as SIGINT does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../main/core/process/procfs';
import { demoLaunchArgs, runLauncherToExit } from '../../support/companion-launch';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { LAUNCH_SCRIPT, ProductBed, sidecarPids } from '../supervisor/product-launch';

const bed = new ProductBed();
const mounts: string[] = [];
afterEach(() => bed.cleanup());
afterAll(() => {
  for (const dir of mounts.splice(0)) {
    spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

const NOBODY = 65534;
const runsAsRoot = process.getuid?.() === 0;

function tmpfs(options: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'companion-mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  if (r.status !== 0) throw new Error(`mount tmpfs (${options}) failed: ${r.stderr.toString()}`);
  mounts.push(dir);
  return dir;
}

async function expectCleanFailure(stateRoot: string, expected: RegExp, uid?: number): Promise<void> {
  const ports = await freePalyraPorts();
  const started = Date.now();
  const run = await runLauncherToExit(LAUNCH_SCRIPT, demoLaunchArgs(stateRoot, ports), {
    env: bed.env({ HOME: tmpdir() }),
    timeoutMs: 20_000,
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  const lines = run.stderr.trim().split('\n');
  expect(run.signal, `killed after ${Date.now() - started} ms: it spun; stderr ${run.stderr}`).toBeNull();
  expect(run.code, run.stderr).toBe(2);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: Cannot use the state root /);
  expect(lines[0]).toContain(stateRoot);
  expect(lines[0]).toMatch(expected);
  expect(lines[0]).toContain('--state-root');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('a bad state root', () => {
  it('--state-root /proc/nope fails at once instead of spinning in mkdir', async () => {
    await expectCleanFailure('/proc/nope', /cannot be created/);
  });

  it.runIf(runsAsRoot)('an unwritable one names the permission problem, not disk space', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'companion-ro-'));
    try {
      await expectCleanFailure(join(parent, 'state'), /may not write there \(EACCES\)/, NOBODY);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it.runIf(runsAsRoot)('a read-only one says so', async () => {
    await expectCleanFailure(tmpfs('ro,size=1m'), /read-only file system \(EROFS\)/);
  });

  it.runIf(runsAsRoot)('a full one says so', async () => {
    const root = tmpfs('size=64k');
    mkdirSync(join(root, 'companion'));
    // Fill it: 64 KiB of data plus inodes, until the kernel says ENOSPC.
    for (let i = 0; i < 1_000; i++) {
      try {
        writeFileSync(join(root, `fill-${i}`), Buffer.alloc(16 * 1024));
      } catch {
        break;
      }
    }
    await expectCleanFailure(root, /disk is full \(ENOSPC\)/);
  });
});

describe('closing the terminal', () => {
  it('SIGHUP shuts the companion down like SIGINT: exit 0, every sidecar stopped', async () => {
    const root = bed.stateRoot();
    const product = await bed.launch(root);
    const pids = await sidecarPids(root, ['gateway', 'browserd', 'nodehost']);
    const exited = new Promise<number | null>((resolve) =>
      product.child.once('exit', (code) => resolve(code)),
    );
    product.child.kill('SIGHUP');
    expect(await exited).toBe(0);
    await waitFor(
      () => Object.values(pids).every((pid) => !isProcessAlive(pid)),
      'every sidecar to be stopped',
      10_000,
    );
  });
});
