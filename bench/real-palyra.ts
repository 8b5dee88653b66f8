// "(real palyrad)" rows: the product launched like `npm start` with the real Palyra daemons named
// by PALYRA_DESKTOP_PALYRAD_BIN / _BROWSERD_BIN / _PALYRA_BIN. Launch → both healthy, kill -9 of
// palyrad → healthy again, and the resident memory of each daemon. Without the binaries the rows
// say why they were skipped.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallReply, CompanionSnapshot } from '../main/contract';
import { launchCompanion } from '../test/support/companion-launch';
import { waitFor } from '../test/support/wait-for';
import { median, runStandalone, type BenchRow } from './report';

const LAUNCH = join(__dirname, '..', 'main', 'launch.js');
const BIN_VARS = ['PALYRA_DESKTOP_PALYRAD_BIN', 'PALYRA_DESKTOP_BROWSERD_BIN', 'PALYRA_DESKTOP_PALYRA_BIN'];
const RUNS = 3;
const NAMES = {
  launch: '(real palyrad) launch → palyrad + browserd healthy',
  crash: '(real palyrad) kill -9 palyrad → healthy again',
  rssGateway: '(real palyrad) palyrad RSS after launch',
  rssBrowserd: '(real palyrad) palyra-browserd RSS after launch',
};

function skipped(reason: string): BenchRow[] {
  return Object.values(NAMES).map((name) => ({
    name,
    value: Number.NaN,
    unit: '',
    runs: 0,
    note: `skipped: ${reason}`,
  }));
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function healthyPids(snap: CompanionSnapshot): { gateway: number; browserd: number } | null {
  const find = (name: string) => snap.services.find((s) => s.name === name);
  const gateway = find('gateway');
  const browserd = find('browserd');
  const ok = (s: typeof gateway) => s?.state === 'running' && s.health === 'healthy' && s.pid !== null;
  return ok(gateway) && ok(browserd) ? { gateway: gateway!.pid!, browserd: browserd!.pid! } : null;
}

export async function run(): Promise<BenchRow[]> {
  const missing = BIN_VARS.filter((name) => !process.env[name]?.trim());
  if (missing.length > 0) return skipped(`set ${missing.join(', ')}`);
  if (process.platform !== 'linux') return skipped('RSS is read from /proc (Linux only)');
  const launches: number[] = [];
  const crashes: number[] = [];
  const rss = { gateway: [] as number[], browserd: [] as number[] };
  for (let i = 0; i < RUNS; i += 1) {
    const stateRoot = mkdtempSync(join(tmpdir(), 'bench-real-palyra-'));
    mkdirSync(join(stateRoot, 'companion'), { recursive: true });
    writeFileSync(
      join(stateRoot, 'companion', 'state.json'),
      JSON.stringify({ schema_version: 1, insecureSecretStoreAccepted: true }),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, PALYRA_ORCHESTRATOR_RUNLOOP_V1_ENABLED: 'true' };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const product = await launchCompanion({ launchScript: LAUNCH, stateRoot, env, demo: false });
    try {
      const link = new URL(product.url);
      const snapshot = async (): Promise<CompanionSnapshot> => {
        const res = await fetch(`${link.origin}/api/call`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${link.searchParams.get('token') ?? ''}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'snapshot.get', params: {} }),
        });
        const reply = (await res.json()) as CallReply<CompanionSnapshot>;
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.value;
      };
      const first = await waitFor(
        async () => healthyPids(await snapshot()),
        'real daemons healthy',
        120_000,
        {
          intervalMs: 50,
        },
      );
      launches.push(performance.now() - product.spawnedAtMs);
      rss.gateway.push(rssMiB(first.gateway));
      rss.browserd.push(rssMiB(first.browserd));
      const killedAt = performance.now();
      process.kill(first.gateway, 'SIGKILL');
      await waitFor(
        async () => {
          const pids = healthyPids(await snapshot());
          return pids !== null && pids.gateway !== first.gateway ? pids : null;
        },
        'palyrad healthy again',
        120_000,
        { intervalMs: 50 },
      );
      crashes.push(performance.now() - killedAt);
    } finally {
      await product.terminate(30_000);
      rmSync(stateRoot, { recursive: true, force: true });
    }
  }
  const note = (values: number[]) =>
    `min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}; debug build`;
  return [
    { name: NAMES.launch, value: median(launches), unit: 'ms', runs: RUNS, note: note(launches) },
    {
      name: NAMES.crash,
      value: median(crashes),
      unit: 'ms',
      runs: RUNS,
      note: `${note(crashes)}; includes the 1 s restart backoff`,
    },
    {
      name: NAMES.rssGateway,
      value: median(rss.gateway),
      unit: 'MiB',
      runs: RUNS,
      note: 'VmRSS once healthy',
    },
    {
      name: NAMES.rssBrowserd,
      value: median(rss.browserd),
      unit: 'MiB',
      runs: RUNS,
      note: 'VmRSS once healthy',
    },
  ];
}

if (require.main === module) void runStandalone(run);
