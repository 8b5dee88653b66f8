// Approvals at operator-hostile sizes, on the real product from outside: what one decision costs
// each UI (bytes on the host's WebSocket, time to the patch), snapshot.get over /api/call, idle
// CPU with the backlog held, and whether every pending approval reaches the UI.
import type { CompanionSnapshot } from '../main/contract/model';
import { GatewayClient } from '../main/core/gateway';
import { tapEvents, type EventTap } from './event-tap';
import {
  companionOnly,
  describeProfile,
  healthyCompanion,
  IDLE_WINDOW_MS,
  IDLE_WINDOWS,
  SETTLE_MS,
} from './idle';
import { idleProfile } from './proc-sample';
import { median, runStandalone, type BenchRow } from './report';
import type { RunningCompanion } from './companion-process';
import { waitFor } from '../test/support/wait-for';

const DECISIONS = 5;
const SNAPSHOT_GETS = 15;
/** The simulator raises at most this many per control call. */
const RAISE_BATCH = 5_000;

async function raise(companion: RunningCompanion, total: number, pending: number): Promise<void> {
  for (let left = total - pending; left > 0; left -= RAISE_BATCH) {
    await companion.simulator('/__sim/approvals', {
      count: Math.min(RAISE_BATCH, left),
      title: 'Bench approval',
      timeout_seconds: 3_600,
    });
  }
}

/** One decision: bytes every UI is sent until the companion settles, and time to the removing patch. */
async function decideOne(
  companion: RunningCompanion,
  tap: EventTap,
  approvalId: string,
): Promise<{ bytes: number; ms: number }> {
  const from = tap.frames.length;
  const started = performance.now();
  await companion.call('approval.decide', { approvalId, approved: true, scope: 'once' });
  const removed = await tap.next(
    from,
    (f) =>
      (f.payload as { approvalPatches?: { op: string; approvalId?: string }[] }).approvalPatches?.some(
        (p) => p.op === 'remove' && p.approvalId === approvalId,
      ) === true,
  );
  // Whatever follows from the decision (the refresh it triggers) counts too.
  await new Promise((r) => setTimeout(r, 1_000));
  return { bytes: tap.bytesSince(from), ms: removed.atMs - started };
}

async function pendingCount(companion: RunningCompanion): Promise<CompanionSnapshot['approvals']> {
  return (await companion.snapshot()).approvals;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const companion = await healthyCompanion();
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const idleBefore = await idleProfile(companionOnly(companion), IDLE_WINDOWS, IDLE_WINDOW_MS);
    const tap = await tapEvents(companion.origin, companion.token);
    const gateway = new GatewayClient({
      baseUrl: companion.gatewayOrigin,
      getAdminToken: async () => companion.adminToken(),
    });
    let held = 0;
    for (const size of [1_000, 10_000]) {
      await raise(companion, size, held);
      // The companion reads approvals on its own cadence (≤ 10 s while nothing changes).
      let list = await waitFor(
        async () => {
          const l = await pendingCount(companion);
          return l.length >= Math.min(size, held + 1) && l.length >= size ? l : null;
        },
        `${size} approvals in the companion`,
        60_000,
        { intervalMs: 1_000 },
      ).catch(async () => pendingCount(companion));
      const reachable = list.length;
      const decisions: { bytes: number; ms: number }[] = [];
      const direct: number[] = [];
      for (let i = 0; i < DECISIONS && i < list.length; i += 1) {
        decisions.push(await decideOne(companion, tap, list[i]!.approvalId));
        // Baseline in the same run: the same decision sent straight to the gateway, no companion.
        const other = list[list.length - 1 - i]!.approvalId;
        const t = performance.now();
        await gateway.decideApproval(other, { approved: false, scope: 'once' });
        direct.push(performance.now() - t);
      }
      list = await pendingCount(companion);
      held = list.length + decisions.length;
      const viaCompanion = median(decisions.map((d) => d.ms));
      const label = size.toLocaleString('en');
      rows.push(
        {
          name: `one decision with ${label} pending → bytes sent to each UI`,
          value: median(decisions.map((d) => d.bytes)) / 1024,
          unit: 'KiB',
          runs: decisions.length,
          note: `wanted < 4 KB; everything on the host WebSocket in the second after the decision call; max ${(Math.max(...decisions.map((d) => d.bytes)) / 1024).toFixed(2)} KiB`,
        },
        {
          name: `one decision with ${label} pending → UI patch`,
          value: median(decisions.map((d) => d.ms)),
          unit: 'ms',
          runs: decisions.length,
          note: `wanted < 50; approval.decide over /api/call until the WebSocket frame removing it arrives; baseline in the same run: the gateway alone takes ${median(direct).toFixed(1)} ms for a decision (GatewayClient straight to it), so the companion adds ${(viaCompanion - median(direct)).toFixed(1)} ms (${(viaCompanion / Math.max(0.1, median(direct))).toFixed(1)}×)`,
        },
        {
          name: `pending approvals reachable in the UI with ${label} raised`,
          value: reachable,
          unit: 'approvals',
          runs: 1,
          note: `snapshot.get's list (the UI's virtualised list renders any of them); wanted ${label}`,
        },
      );
      if (size === 1_000) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < SNAPSHOT_GETS; i += 1) {
          const t = performance.now();
          const res = await fetch(`${companion.origin}/api/call`, {
            method: 'POST',
            headers: { authorization: `Bearer ${companion.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'snapshot.get', params: {} }),
          });
          bytes = (await res.arrayBuffer()).byteLength;
          times.push(performance.now() - t);
        }
        rows.push({
          name: '`snapshot.get` with 1,000 pending',
          value: median(times),
          unit: 'ms',
          runs: SNAPSHOT_GETS,
          note: `wanted < 20; over /api/call from outside, ${(bytes / 1024).toFixed(0)} KiB; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)} ms`,
        });
      }
    }
    tap.close();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const idleHeld = await idleProfile(companionOnly(companion), IDLE_WINDOWS, IDLE_WINDOW_MS);
    rows.push({
      name: `companion CPU while idle holding ${held.toLocaleString('en')} pending, no UI`,
      value: idleHeld.cpu,
      unit: '% of a core',
      runs: IDLE_WINDOWS,
      note: `wanted: unchanged; ${(idleHeld.cpu / Math.max(0.001, idleBefore.cpu)).toFixed(1)}× the ${idleBefore.cpu.toFixed(2)} % measured with none in the same run; ${describeProfile(idleHeld)}; RSS ${idleHeld.rss.toFixed(1)} MiB`,
    });
  } finally {
    await companion.stop();
  }
  return rows;
}

if (require.main === module) void runStandalone(run);
