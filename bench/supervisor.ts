// Supervisor figures: start → healthy, crash → respawn, log throughput and memory, idle cost.
// Runs real sidecar processes (build/test/fixtures/sidecars/sidecar.js) on ephemeral ports.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { LogLine } from '../main/contract/model';
import { LogRing } from '../main/core/logs/log-ring';
import { Supervisor, type ServiceSpec, type SupervisorOptions } from '../main/core/supervisor';
import { median, runStandalone, type BenchRow } from './report';

const SIDECAR = join(__dirname, '..', 'test', 'fixtures', 'sidecars', 'sidecar.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function until(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('bench condition timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function spec(name: string, port: number | null, args: string[]): ServiceSpec {
  return {
    name,
    kind: 'extra',
    displayName: name,
    binary: process.execPath,
    args: [SIDECAR, ...(port !== null ? ['--port', String(port)] : []), ...args],
    env: {},
    ports: port !== null ? [{ port, protocol: 'tcp' }] : [],
    health: port !== null ? { type: 'http', url: `http://127.0.0.1:${port}/healthz` } : { type: 'none' },
    startupGraceMs: 10_000,
    stopSignal: 'SIGINT',
    stopTimeoutMs: 2_000,
    secrets: ['bench-secret-token'],
  };
}

async function withSupervisor<T>(
  specs: ServiceSpec[],
  options: Partial<SupervisorOptions>,
  body: (s: Supervisor) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sup-'));
  const sup = new Supervisor({ stateRoot: dir, specs, ...options });
  try {
    return await body(sup);
  } finally {
    await sup.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function threeSpecs(): Promise<ServiceSpec[]> {
  return [
    spec('gateway', await freePort(), []),
    spec('browserd', await freePort(), []),
    spec('nodehost', await freePort(), []),
  ];
}

const allHealthy = (s: Supervisor): boolean => s.snapshot().every((x) => x.health === 'healthy');

async function startToHealthy(): Promise<BenchRow> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await withSupervisor(await threeSpecs(), { healthIntervalMs: 25 }, async (sup) => {
      const t0 = performance.now();
      await sup.startAll();
      await until(() => allHealthy(sup));
      runs.push(performance.now() - t0);
    });
  }
  return {
    name: 'supervisor: startAll() → all healthy, 3 sidecars',
    value: median(runs),
    unit: 'ms',
    runs: runs.length,
    note: `min ${Math.min(...runs).toFixed(0)} / max ${Math.max(...runs).toFixed(0)} ms; health poll 25 ms; Node sidecars incl. port preflight`,
  };
}

async function crashToRespawn(): Promise<BenchRow> {
  const port = await freePort();
  const samples: number[] = [];
  await withSupervisor(
    [spec('gateway', port, [])],
    {
      healthIntervalMs: 25,
      restartPolicy: { baseDelayMs: 0, crashLoopMaxFailures: 1_000 },
    },
    async (sup) => {
      let crashedAt = 0;
      sup.on('crashed', () => (crashedAt = performance.now()));
      sup.on('service', (s) => {
        if (s.state === 'starting' && crashedAt > 0) {
          samples.push(performance.now() - crashedAt);
          crashedAt = 0;
        }
      });
      await sup.start('gateway');
      for (let i = 0; i < 20; i++) {
        await until(() => allHealthy(sup));
        const before = samples.length;
        await fetch(`http://127.0.0.1:${port}/crash`).catch(() => undefined);
        await until(() => samples.length > before);
      }
    },
  );
  return {
    name: 'supervisor: crash detected → respawned',
    value: median(samples),
    unit: 'ms',
    runs: samples.length,
    note: `backoff set to 0 for this measurement (default is 1 s, doubling); includes group cleanup + port preflight + spawn; max ${Math.max(...samples).toFixed(1)} ms`,
  };
}

function heapUsedAfterGc(): number {
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function ringMemoryAt1M(): BenchRow {
  const before = heapUsedAfterGc();
  const ring = new LogRing(400);
  for (let i = 0; i < 1_000_000; i++) {
    const line: LogLine = {
      seq: i,
      unix_ms: Date.now(),
      service: 'gateway',
      stream: 'stdout',
      line: `flood line ${i} with some padding text`,
      level: 'info',
    };
    ring.push(line);
  }
  const after = heapUsedAfterGc();
  const kib = Math.max(0, after - before) / 1024;
  return {
    name: 'supervisor: LogRing heap after 1M lines pushed',
    value: kib,
    unit: 'KiB',
    runs: 1,
    note: `capacity 400, holds ${ring.size}; heap delta after GC`,
  };
}

async function logThroughputAndRss(rssIdle: number): Promise<BenchRow[]> {
  const total = 1_000_000;
  let seconds = 0;
  let rssAfter = 0;
  await withSupervisor([spec('noisy', null, ['--flood', String(total)])], {}, async (sup) => {
    let batches = 0;
    sup.on('log', () => batches++);
    const t0 = performance.now();
    await sup.start('noisy');
    await until(() => sup.logs({ service: 'noisy' }).some((l) => l.line === 'INFO flood done'), 60_000);
    seconds = (performance.now() - t0) / 1000;
    heapUsedAfterGc();
    rssAfter = process.memoryUsage().rss;
    void batches;
  });
  return [
    {
      name: 'supervisor: log capture throughput (1M stdout lines)',
      value: total / seconds,
      unit: 'lines/s',
      runs: 1,
      note: `${seconds.toFixed(2)} s incl. spawn; split + 8 KiB truncation + redaction + level parse + ring + 50 ms batches`,
    },
    {
      name: 'supervisor: companion RSS after 1M log lines',
      value: rssAfter / 1024 / 1024,
      unit: 'MiB',
      runs: 1,
      note: `idle with 3 sidecars was ${(rssIdle / 1024 / 1024).toFixed(1)} MiB`,
    },
  ];
}

async function idleCost(): Promise<{ rows: BenchRow[]; rss: number }> {
  let rows: BenchRow[] = [];
  let rss = 0;
  await withSupervisor(await threeSpecs(), { healthIntervalMs: 1_000 }, async (sup) => {
    await sup.startAll();
    await until(() => allHealthy(sup));
    await new Promise((r) => setTimeout(r, 1_000));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 10_000));
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    heapUsedAfterGc();
    rss = process.memoryUsage().rss;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    rows = [
      {
        name: 'supervisor: CPU while idle, 3 healthy sidecars',
        value: (cpuMs / wallMs) * 100,
        unit: '% of one core',
        runs: 1,
        note: `${cpuMs.toFixed(0)} ms CPU over ${(wallMs / 1000).toFixed(1)} s; health probe every 1 s per sidecar`,
      },
      {
        name: 'supervisor: companion RSS idle, 3 sidecars',
        value: rss / 1024 / 1024,
        unit: 'MiB',
        runs: 1,
        note: 'bench process (Node), after GC',
      },
    ];
  });
  return { rows, rss };
}

export async function run(): Promise<BenchRow[]> {
  setFlagsFromString('--expose-gc');
  const rows: BenchRow[] = [];
  rows.push(await startToHealthy());
  rows.push(await crashToRespawn());
  const idle = await idleCost();
  rows.push(...idle.rows);
  rows.push(ringMemoryAt1M());
  rows.push(...(await logThroughputAndRss(idle.rss)));
  return rows;
}

if (require.main === module) void runStandalone(run);
