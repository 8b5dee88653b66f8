// The companion is kill -9'd; the next launch must adopt or reap what it left, and never touch
// an unrelated process that reused a recorded pid.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceSpec } from '../../../main/core/supervisor';
import { readCmdline, readProcStat } from '../../../main/core/process/procfs';
import { DRIVER, TestBed, isProcessAlive, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
const drivers: ChildProcess[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) if (d.exitCode === null) d.kill('SIGKILL');
  await bed.cleanup();
});

interface DriverMsg {
  type: string;
  adopted?: string[];
  reaped?: string[];
  dropped?: string[];
  services?: { name: string; pid: number; adopted: boolean }[];
}

/** Launch a companion process; resolves once it says every sidecar is healthy. */
async function launchCompanion(
  specs: ServiceSpec[],
): Promise<{ proc: ChildProcess; messages: DriverMsg[]; ready: DriverMsg }> {
  const configPath = join(bed.dir, `driver-${drivers.length}.json`);
  writeFileSync(configPath, JSON.stringify({ stateRoot: bed.dir, specs, healthIntervalMs: 100 }));
  const proc = spawn(process.execPath, [DRIVER, configPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  drivers.push(proc);
  const messages: DriverMsg[] = [];
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      messages.push(JSON.parse(buf.slice(0, nl)) as DriverMsg);
      buf = buf.slice(nl + 1);
    }
  });
  const ready = await waitFor(() => messages.find((m) => m.type === 'ready'), 'companion ready', 30_000);
  return { proc, messages, ready };
}

async function killNine(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

describe('Leftovers after the companion is kill -9d', () => {
  it('adopts a healthy leftover started with the same config, and can stop it by group', async () => {
    bed = new TestBed();
    const port = await freePort();
    const specs = [sidecarSpec('gateway', port, ['--grandchild'], { kind: 'gateway' })];
    const first = await launchCompanion(specs);
    const pid = first.ready.services![0]!.pid;
    bed.track(pid);
    await killNine(first.proc);
    expect(isProcessAlive(pid)).toBe(true); // detached group: survives its companion

    const second = await launchCompanion(specs);
    const leftovers = second.messages.find((m) => m.type === 'leftovers')!;
    expect(leftovers.adopted).toEqual(['gateway']);
    expect(second.ready.services![0]).toEqual({ name: 'gateway', pid, adopted: true });
    await waitFor(
      () =>
        second.messages.some(
          (m) => m.type === 'log' && /adopted .*its recent output follows/.test(JSON.stringify(m)),
        ),
      'adoption log line',
    );

    // A graceful shutdown of the new companion stops the adopted sidecar (and its group).
    const exited = new Promise((r) => second.proc.once('exit', r));
    second.proc.kill('SIGINT');
    await exited;
    await waitFor(() => !isProcessAlive(pid), 'adopted sidecar stopped');
  });

  it('adopts a node host whose output file shows it ready, and respawns an adopted sidecar that later dies', async () => {
    bed = new TestBed();
    const port = await freePort();
    const specs = [
      sidecarSpec('gateway', port, [], { kind: 'gateway' }),
      sidecarSpec('nodehost', null, ['--ready-json'], {
        kind: 'nodehost',
        health: { type: 'output', pattern: '"action"\\s*:\\s*"run"' },
      }),
    ];
    const first = await launchCompanion(specs);
    const [gwPid, nhPid] = first.ready.services!.map((s) => s.pid) as [number, number];
    bed.track(gwPid);
    bed.track(nhPid);
    await killNine(first.proc);

    const second = await launchCompanion(specs);
    const leftovers = second.messages.find((m) => m.type === 'leftovers')!;
    // Its readiness line is in its output file, which outlived the first companion.
    expect(leftovers.adopted).toEqual(['gateway', 'nodehost']);
    expect(leftovers.reaped).toEqual([]);
    expect(second.ready.services!.find((s) => s.name === 'nodehost')).toEqual({
      name: 'nodehost',
      pid: nhPid,
      adopted: true,
    });

    // The adopted gateway is not our child: its death is noticed by polling, then it is respawned.
    process.kill(gwPid, 'SIGKILL');
    const respawned = await waitFor(
      () =>
        second.messages.find(
          (m) =>
            m.type === 'service' &&
            (m as { name?: string }).name === 'gateway' &&
            (m as { pid?: number | null }).pid !== gwPid &&
            (m as { health?: string }).health === 'healthy',
        ) as { pid: number; adopted: boolean } | undefined,
      'gateway respawned',
    );
    bed.track(respawned.pid);
    expect(respawned.adopted).toBe(false);
    await killNine(second.proc);
  });

  it('reaps a leftover whose configuration changed, then starts a fresh one', async () => {
    bed = new TestBed();
    const port = await freePort();
    const first = await launchCompanion([
      sidecarSpec('gateway', port, [], { env: { PALYRA_ADMIN_TOKEN: 'old-token-1234' } }),
    ]);
    const oldPid = first.ready.services![0]!.pid;
    bed.track(oldPid);
    await killNine(first.proc);

    const second = await launchCompanion([
      sidecarSpec('gateway', port, [], { env: { PALYRA_ADMIN_TOKEN: 'new-token-5678' } }),
    ]);
    bed.track(second.ready.services![0]!.pid);
    expect(second.messages.find((m) => m.type === 'leftovers')!.reaped).toEqual(['gateway']);
    expect(isProcessAlive(oldPid)).toBe(false);
    expect(second.ready.services![0]!.pid).not.toBe(oldPid);
    expect(second.ready.services![0]!.adopted).toBe(false);
    await killNine(second.proc);
  });

  it('reaps a sidecar whose registry entry never reached the disk (companion killed mid-save)', async () => {
    bed = new TestBed();
    const port = await freePort();
    const specs = [sidecarSpec('gateway', port, [], { kind: 'gateway' })];
    const first = await launchCompanion(specs);
    const pid = first.ready.services![0]!.pid;
    bed.track(pid);
    await killNine(first.proc);
    // The save that would have recorded it was cut short: the registry does not know it.
    rmSync(join(bed.dir, 'companion', 'sidecars.json'));

    const second = await launchCompanion(specs);
    expect(second.messages.find((m) => m.type === 'leftovers')!.reaped).toEqual(['gateway']);
    expect(isProcessAlive(pid)).toBe(false);
    const fresh = second.ready.services![0]!;
    bed.track(fresh.pid);
    expect(fresh.pid).not.toBe(pid);
    await killNine(second.proc);
  });

  it('never kills an unrelated process that reused a recorded pid (wrong start time): just drops the entry', async () => {
    bed = new TestBed();
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
    bed.track(bystander.pid);
    await waitFor(() => readProcStat(bystander.pid!)?.startTime, 'bystander stat');
    const registryPath = join(bed.dir, 'companion', 'sidecars.json');
    mkdirSync(join(bed.dir, 'companion'), { recursive: true });
    const real = readProcStat(bystander.pid!)!;
    writeFileSync(
      registryPath,
      JSON.stringify({
        version: 1,
        sidecars: [
          {
            service: 'gateway',
            pid: bystander.pid,
            pgid: real.pgid,
            startTime: String(Number(real.startTime) - 12345),
            cmdline: readCmdline(bystander.pid!),
            fingerprint: 'whatever',
            spawnedAtMs: Date.now() - 60_000,
          },
        ],
      }),
    );
    const sup = bed.supervisor([sidecarSpec('gateway', await freePort(), [])]);
    const report = await sup.adoptOrReapLeftovers();
    expect(report).toEqual({ adopted: [], reaped: [], dropped: ['gateway'] });
    await new Promise((r) => setTimeout(r, 300));
    expect(isProcessAlive(bystander.pid!)).toBe(true);
    expect(sup.logs({ stream: 'supervisor' }).some((l) => l.line.includes('unrelated process'))).toBe(true);
    expect(JSON.parse(readFileSync(registryPath, 'utf8')).sidecars).toEqual([]);
    bystander.kill('SIGKILL');
  });

  it('a corrupt registry is kept aside with a warning, not a crash', async () => {
    bed = new TestBed();
    mkdirSync(join(bed.dir, 'companion'), { recursive: true });
    writeFileSync(join(bed.dir, 'companion', 'sidecars.json'), '{"sidecars": [ trunc');
    const sup = bed.supervisor([sidecarSpec('gateway', await freePort(), [])]);
    const report = await sup.adoptOrReapLeftovers();
    expect(report).toEqual({ adopted: [], reaped: [], dropped: [] });
    expect(readdirSync(join(bed.dir, 'companion')).some((f) => f.startsWith('sidecars.json.corrupt-'))).toBe(
      true,
    );
    expect(
      sup.logs({ stream: 'supervisor' }).some((l) => l.level === 'warn' && l.line.includes('unreadable')),
    ).toBe(true);
    expect(existsSync(join(bed.dir, 'companion', 'sidecars.json'))).toBe(false);
  });
});
