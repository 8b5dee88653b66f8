// kill -9 of the companion must not kill its sidecars: their output goes to files, not to pipes
// the dead companion held (the demo gateway used to die of EPIPE at its next log line). The
// gateway must keep running and logging for the whole soak, and the next launch adopts it and
// shows its new lines in the Logs view.
//   COMPANION_ORPHAN_SOAK_MS   soak length (default 65 s; the proof is 600000)
//   PALYRA_DESKTOP_{PALYRAD,BROWSERD,PALYRA}_BIN   run against the real daemons instead of the simulator
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../main/contract/model';
import { readProcStat } from '../../main/core/process/procfs';
import { callHost, ProductBed, sidecarPids } from '../integration/supervisor/product-launch';
import { waitFor } from '../support/wait-for';

const SOAK_MS = Number(process.env.COMPANION_ORPHAN_SOAK_MS) || 65_000;
const REAL = ['PALYRAD', 'BROWSERD', 'PALYRA'].every((b) => process.env[`PALYRA_DESKTOP_${b}_BIN`]);
// The simulator logs a demo approval every second; the real palyrad logs what it does.
const SERVICES = REAL ? ['gateway', 'browserd'] : ['gateway', 'browserd', 'nodehost'];

const bed = new ProductBed();
afterEach(() => bed.cleanup());

/** When the sidecar wrote the line (its tracing timestamp), not when we read it. */
function writtenAt(line: LogLine): number {
  try {
    return Date.parse((JSON.parse(line.line) as { timestamp: string }).timestamp);
  } catch {
    return 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function outputBytes(root: string, service: string): number {
  let total = 0;
  for (const stream of ['stdout', 'stderr'])
    total +=
      statSync(join(root, 'companion', 'logs', 'sidecars', `${service}.${stream}.log`), {
        throwIfNoEntry: false,
      })?.size ?? 0;
  return total;
}

describe('sidecars outlive a kill -9 of the companion', () => {
  it(
    `keep running and logging for ${SOAK_MS} ms, then are adopted with their logs flowing`,
    async () => {
      const root = bed.stateRoot();
      const env = { PALYRA_SIM_DEMO_APPROVAL_INTERVAL_MS: '1000' };
      const first = await bed.launch(root, { env, demo: !REAL });
      const before = await sidecarPids(root, SERVICES);
      const starts = Object.fromEntries(SERVICES.map((s) => [s, readProcStat(before[s]!)?.startTime]));
      const alive = (): string[] =>
        SERVICES.filter(
          (s) => readProcStat(before[s]!)?.startTime === starts[s] && readProcStat(before[s]!)?.state !== 'Z',
        );

      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const killedAt = Date.now();
      const grewAt: number[] = [];
      let lastSize = outputBytes(root, 'gateway');
      while (Date.now() - killedAt < SOAK_MS) {
        await sleep(Math.min(5_000, SOAK_MS / 10));
        const seconds = Math.round((Date.now() - killedAt) / 1000);
        expect(alive(), `sidecars alive ${seconds} s after the kill`).toEqual(SERVICES);
        const size = outputBytes(root, 'gateway');
        if (size > lastSize) grewAt.push(Date.now() - killedAt);
        lastSize = size;
      }
      if (!REAL)
        expect(grewAt.at(-1) ?? 0, 'the gateway was still logging at the end').toBeGreaterThan(SOAK_MS * 0.8);
      console.log(
        `orphan soak: ${SERVICES.join(', ')} alive ${Date.now() - killedAt} ms after kill -9; gateway output grew at ${grewAt.length} checks, last at ${grewAt.at(-1) ?? 'never'} ms`,
      );

      const relaunchedAt = Date.now();
      const second = await bed.launch(root, { env, demo: !REAL, ports: first.ports });
      const after = await sidecarPids(root, SERVICES);
      for (const s of SERVICES) expect(after[s], `${s} adopted`).toBe(before[s]);
      const snapshot = await callHost<{ services: { name: string; adopted: boolean }[] }>(
        second,
        'snapshot.get',
        {},
      );
      for (const s of SERVICES) expect(snapshot.services.find((x) => x.name === s)?.adopted, s).toBe(true);
      // Its output since the spawn (the file outlived the first companion) is in the Logs view.
      const shown = await waitFor(
        async () => {
          const lines = await callHost<LogLine[]>(second, 'logs.get', { service: 'gateway' });
          const output = lines.filter((l) => l.stream !== 'supervisor');
          return output.length > 0 ? output : null;
        },
        'the adopted gateway output in the Logs view',
        15_000,
        { intervalMs: 200 },
      );
      console.log(
        `orphan soak: ${shown.length} gateway output lines shown after adoption, last: ${shown.at(-1)!.line.slice(0, 160)}`,
      );
      if (!REAL) {
        // A line the adopted gateway wrote after the relaunch reaches the Logs view.
        const fresh = await waitFor(
          async () =>
            (await callHost<LogLine[]>(second, 'logs.get', { service: 'gateway', stream: 'stdout' })).find(
              (l) => l.line.includes('demo approval raised') && writtenAt(l) > relaunchedAt,
            ),
          'a new gateway log line after adoption',
          15_000,
          { intervalMs: 200 },
        );
        expect(fresh.service).toBe('gateway');
      }
    },
    SOAK_MS + 120_000,
  );
});
