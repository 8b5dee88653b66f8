// kill -9 of the gateway, measured from outside: when the replacement process exists (its pid in
// /proc under the companion), when it first answers /healthz (the bench polls it), and when the
// companion tells its UI it is healthy (a WebSocket client on the host, like the UI).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CompanionSnapshot, ServiceSnapshot } from '../main/contract/model';
import { tapEvents, type TappedFrame } from './event-tap';
import { healthyCompanion } from './idle';
import { processTree } from './proc-sample';
import { median, runStandalone, type BenchRow } from './report';
import { allHealthy } from '../test/support/all-healthy';
import { waitFor } from '../test/support/wait-for';

/** Three crashes in one run: back-offs of 1, 2 and 4 s (five inside 2 min would trip the breaker). */
const CRASHES = 3;

function gatewayOf(snap: CompanionSnapshot): ServiceSnapshot {
  return snap.services.find((s) => s.kind === 'gateway')!;
}

/** The gateway's state in a patch that carries services, else undefined. */
function gatewayIn(frame: TappedFrame): ServiceSnapshot | undefined {
  if (frame.event !== 'snapshot.patch') return undefined;
  return (frame.payload as Partial<CompanionSnapshot>).services?.find((s) => s.kind === 'gateway');
}

function isGatewayProcess(pid: number): boolean {
  return readCmdline(pid).includes('palyrad');
}

/**
 * Polls until `probe` returns a value, `gapMs` apart (0: back to back, ≈ 1 ms resolution). The
 * bench sleeps through most of each back-off first, so its polling does not steal the CPU the
 * companion needs on a 2-core box.
 */
async function poll<T>(
  probe: () => T | null | Promise<T | null>,
  timeoutMs: number,
  label: string,
  gapMs = 0,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (performance.now() > deadline) throw new Error(`crash bench: timed out waiting for ${label}`);
    await new Promise((r) => (gapMs > 0 ? setTimeout(r, gapMs) : setImmediate(r)));
  }
}

const MARKER = 'bench-baseline-sidecar';

/**
 * The machine's own floor, measured the same way in the same run: the bench itself supervises a
 * trivial Node child (SIGKILL → 'exit' → setTimeout(step) → spawn) and watches /proc for the
 * replacement exactly as it watches the companion's.
 */
async function baselineRespawnExcess(step: number): Promise<number> {
  const args = ['-e', `setInterval(() => {}, 1e6) /* ${MARKER} */`];
  let current = spawn(process.execPath, args, { stdio: 'ignore' });
  await new Promise((r) => current.once('spawn', r));
  const first = current.pid!;
  current.once('exit', () => {
    setTimeout(() => (current = spawn(process.execPath, args, { stdio: 'ignore' })), step);
  });
  const killedAt = performance.now();
  process.kill(first, 'SIGKILL');
  await new Promise((r) => setTimeout(r, step - 150));
  const spawnedAt = await poll(
    () =>
      processTree(process.pid).some((p) => p !== first && readCmdline(p).includes(MARKER))
        ? performance.now()
        : null,
    10_000,
    'the baseline replacement',
  );
  current.kill('SIGKILL');
  return spawnedAt - killedAt - step;
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

async function answersHealth(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export async function run(): Promise<BenchRow[]> {
  const companion = await healthyCompanion();
  const spawnExcess: number[] = [];
  const healthLag: number[] = [];
  const timerLateness: number[] = [];
  const backoffs: number[] = [];
  const exitDetected: number[] = [];
  const baseline: number[] = [];
  try {
    const tap = await tapEvents(companion.origin, companion.token);
    for (let i = 0; i < CRASHES; i += 1) {
      const before = gatewayOf(await companion.snapshot());
      const from = tap.frames.length;
      const killedAt = performance.now();
      const killedAtWall = Date.now();
      process.kill(before.pid!, 'SIGKILL');
      const backoffFrame = await tap.next(from, (f) => gatewayIn(f)?.state === 'backoff');
      exitDetected.push(backoffFrame.atMs - killedAt);
      // The announced restart time, rounded to the policy step it came from (1 s, 2 s, 4 s …).
      const announced = gatewayIn(backoffFrame)!.nextRestartAtMs! - killedAtWall;
      const step = 2 ** Math.round(Math.log2(Math.max(1, announced) / 1000)) * 1000;
      backoffs.push(step);
      // A bench timer of the same length, started at the kill: the machine's own lateness now.
      const lateness = new Promise<number>((r) =>
        setTimeout(
          () => r(performance.now() - killedAt - step),
          Math.max(0, step - (performance.now() - killedAt)),
        ),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, step - (performance.now() - killedAt) - 150)));
      const spawnedAt = await poll(
        () => {
          const fresh = processTree(companion.pid).find((p) => p !== before.pid && isGatewayProcess(p));
          return fresh !== undefined ? performance.now() : null;
        },
        10_000,
        'the replacement gateway process',
      );
      spawnExcess.push(spawnedAt - killedAt - step);
      timerLateness.push(await lateness);
      const answeredAt = await poll(
        async () => ((await answersHealth(companion.gatewayOrigin)) ? performance.now() : null),
        30_000,
        'the replacement to answer /healthz',
        2,
      );
      const healthyFrame = await tap.next(from, (f) => {
        const gw = gatewayIn(f);
        return gw?.health === 'healthy' && gw.pid !== before.pid;
      });
      healthLag.push(Math.max(0, healthyFrame.atMs - answeredAt));
      baseline.push(await baselineRespawnExcess(step));
      await waitFor(async () => allHealthy(await companion.snapshot(), 3), 'all healthy again', 30_000);
    }
    tap.close();
  } finally {
    await companion.stop();
  }
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(', ');
  return [
    {
      name: '`kill -9` gateway → replacement spawned, beyond the back-off',
      value: median(spawnExcess),
      unit: 'ms',
      runs: CRASHES,
      note: `wanted ≤ 20; back-offs ${backoffs.join(', ')} ms; per run ${fmt(spawnExcess)} ms; the UI heard of the crash ${fmt(exitDetected)} ms after the kill; pid seen in /proc under the companion. Baseline in the same run: a bare Node supervisor in the bench (exit → setTimeout → spawn) took ${fmt(baseline)} ms beyond the same back-off (ratio ${(median(spawnExcess) / Math.max(1, median(baseline))).toFixed(1)}×), and a plain bench timer of that length ran ${fmt(timerLateness)} ms late`,
    },
    {
      name: 'replacement answers `/healthz` → companion tells its UI "healthy"',
      value: median(healthLag),
      unit: 'ms',
      runs: CRASHES,
      note: `wanted ≤ 100; per run ${fmt(healthLag)} ms; bench polls /healthz back to back, UI side is a WebSocket client of the host; probes every 50 ms until healthy (production cadence)`,
    },
  ];
}

if (require.main === module) void runStandalone(run);
