import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive, readCmdline, readProcStat } from '../../../main/core/process/procfs';
import { PidRegistry } from '../../../main/core/supervisor/pid-registry';
import { TestBed } from './harness';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
let parent: ChildProcess | null = null;
afterEach(async () => {
  parent?.kill('SIGKILL');
  parent = null;
  await bed.cleanup();
});

describe('procfs', () => {
  it('treats a zombie as dead although kill(pid, 0) still succeeds', async () => {
    bed = new TestBed();
    // The shell backgrounds a short sleep, then execs into a long one, which never reaps it.
    parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    bed.track(parent.pid);
    let out = '';
    parent.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const zombie = Number(await waitFor(() => out.trim(), 'zombie pid'));
    await waitFor(() => readProcStat(zombie)?.state === 'Z', 'zombie state');
    expect(() => process.kill(zombie, 0)).not.toThrow();
    expect(isProcessAlive(zombie)).toBe(false);
    expect(isProcessAlive(parent.pid!)).toBe(true);
  });

  it('reads start time, pgid and cmdline of a live process', async () => {
    bed = new TestBed();
    parent = spawn('sleep', ['30'], { stdio: 'ignore', detached: true });
    bed.track(parent.pid);
    const stat = await waitFor(() => readProcStat(parent!.pid!), 'stat');
    expect(stat.pgid).toBe(parent.pid);
    expect(stat.ppid).toBe(process.pid);
    expect(stat.startTime).toMatch(/^\d+$/);
    expect(readCmdline(parent.pid!)).toEqual(['sleep', '30']);
    expect(readProcStat(2 ** 22 + 1)).toBeNull();
  });
});

describe('PidRegistry', () => {
  it('round-trips records atomically (no temp file left) and skips malformed entries', () => {
    bed = new TestBed();
    const reg = new PidRegistry(bed.dir);
    expect(reg.load()).toEqual([]);
    const rec = {
      service: 'gateway',
      pid: 4242,
      pgid: 4242,
      startTime: '123',
      cmdline: ['palyrad'],
      fingerprint: 'f',
      spawnedAtMs: 1,
    };
    reg.set(rec);
    reg.set({ ...rec, service: 'browserd', pid: 4343, pgid: 4343 });
    reg.remove('browserd');
    expect(readdirSync(join(bed.dir, 'companion'))).toEqual(['sidecars.json']);
    expect(new PidRegistry(bed.dir).load()).toEqual([rec]);

    mkdirSync(join(bed.dir, 'companion'), { recursive: true });
    writeFileSync(
      reg.path,
      JSON.stringify({
        version: 1,
        sidecars: [rec, { service: 'x', pid: 'nope' }, { ...rec, service: 'y', pid: 1 }],
      }),
    );
    const again = new PidRegistry(bed.dir);
    expect(again.load()).toEqual([rec]);
    expect(again.loadProblem).toBeNull();
  });
});
