// One companion per state root: a second launch must not adopt, replace or stop the first one's
// sidecars; it exits non-zero naming the first (pid and UI address). A crashed owner never blocks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, readCmdline, readProcStat } from '../../../main/core/process/procfs';
import { demoLaunchArgs, runLauncherToExit } from '../../support/companion-launch';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { sidecarSpec, TestBed } from './harness';
import { LAUNCH_SCRIPT, ProductBed, sidecarPids } from './product-launch';

const bed = new ProductBed();
afterEach(() => bed.cleanup());

const SIDECARS = ['gateway', 'browserd', 'nodehost'];

describe('one companion per state root', () => {
  it('refuses a second launch with a message naming the first, and leaves its sidecars alone', async () => {
    const root = bed.stateRoot();
    const first = await bed.launch(root);
    const before = await sidecarPids(root, SIDECARS);
    const starts = Object.fromEntries(
      Object.entries(before).map(([s, pid]) => [s, readProcStat(pid)?.startTime]),
    );

    // Other ports, as in the report: the second must not "replace" anything either.
    const second = await runLauncherToExit(LAUNCH_SCRIPT, demoLaunchArgs(root, await freePalyraPorts()), {
      env: bed.env(),
    });
    expect(second.code).toBe(1);
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`pid ${first.pid}`);
    expect(lines[0]).toContain(new URL(first.url).origin);
    expect(lines[0]).not.toContain(new URL(first.url).searchParams.get('token'));
    expect(second.stdout).not.toContain('Open http');

    const after = await sidecarPids(root, SIDECARS);
    expect(after).toEqual(before);
    for (const [service, pid] of Object.entries(after))
      expect(readProcStat(pid)?.startTime, service).toBe(starts[service]);
    expect(first.child.exitCode).toBeNull();

    // Released on shutdown: the next launch starts normally.
    await first.terminate(20_000);
    const third = await bed.launch(root);
    expect(third.url).toContain('token=');
  });

  it('a lock left by a dead companion, or by a pid now reused by another process, does not block', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    for (const owner of [
      { pid: deadPid, startTime: '1', address: 'http://127.0.0.1:1/', acquiredAtMs: 1 },
      // pid 1 is alive, but it is not the companion that took the lock (start time differs).
      { pid: 1, startTime: '999999999999', address: null, acquiredAtMs: 1 },
    ]) {
      const root = bed.stateRoot();
      mkdirSync(join(root, 'companion'), { recursive: true });
      writeFileSync(join(root, 'companion', 'companion.lock'), JSON.stringify(owner));
      const launched = await bed.launch(root);
      expect(launched.url).toContain('token=');
      await launched.terminate(20_000);
    }
  });
});

describe('the pid registry names its owner', () => {
  it('a supervisor never adopts or reaps sidecars whose owning companion is still alive', async () => {
    const testBed = new TestBed();
    try {
      // The "other companion": a live process that owns the registry; its "sidecar": another one.
      const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const sidecar = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
        stdio: 'ignore',
        detached: true,
      });
      testBed.track(owner.pid!);
      testBed.track(sidecar.pid!);
      await waitFor(() => readProcStat(sidecar.pid!)?.startTime, 'the sidecar to run');
      mkdirSync(join(testBed.dir, 'companion'), { recursive: true });
      writeFileSync(
        join(testBed.dir, 'companion', 'sidecars.json'),
        JSON.stringify({
          version: 1,
          owner: { pid: owner.pid, startTime: readProcStat(owner.pid!)!.startTime },
          sidecars: [
            {
              service: 'gw',
              pid: sidecar.pid,
              pgid: sidecar.pid,
              startTime: readProcStat(sidecar.pid!)!.startTime,
              cmdline: readCmdline(sidecar.pid!),
              fingerprint: 'x',
              spawnedAtMs: Date.now(),
            },
          ],
        }),
      );
      const sup = testBed.supervisor([sidecarSpec('gw', null, [])]);
      await expect(sup.adoptOrReapLeftovers()).rejects.toMatchObject({ code: 'already_running' });
      expect(isProcessAlive(sidecar.pid!)).toBe(true);

      // Once that owner is dead, its leftovers are fair game (here: reaped, the fingerprint differs).
      owner.kill('SIGKILL');
      await waitFor(() => !isProcessAlive(owner.pid!), 'the owner to die');
      const report = await sup.adoptOrReapLeftovers();
      expect(report.reaped).toEqual(['gw']);
      await sup.dispose();
    } finally {
      await testBed.cleanup();
    }
  });
});
