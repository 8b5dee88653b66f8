// Shared by the chaos tests: the compiled chaos companion, and /proc scans that find every
// process a test started (sidecars, wrappers, grandchildren) by the temp dir in its environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '../support/wait-for';

export const ROOT = join(__dirname, '..', '..');
export const CHAOS_COMPANION = join(ROOT, 'build', 'test', 'fixtures', 'chaos', 'companion-process.js');

/** Pids whose environment or command line mentions `marker` (a per-test temp dir), excluding us. */
export function processesMentioning(marker: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // zombies hold nothing
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (env.includes(marker) || cmd.includes(marker)) out.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Whether 127.0.0.1:port can be bound right now (nobody listens there). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface ChaosChild {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<void>;
}

export function launchChaosCompanion(
  stateRoot: string,
  ports: Record<string, number>,
  launchNo: number,
  mode: 'work' | 'drain',
): ChaosChild {
  const proc = spawn(
    process.execPath,
    [CHAOS_COMPANION, stateRoot, JSON.stringify(ports), String(launchNo), mode],
    {
      env: {
        ...process.env,
        // The sidecars inherit these: fast tokens, and no loopback rate limit for a busy loop.
        PALYRA_SIM_TOKEN_DELAY_MS: '2',
        PALYRA_SIM_RATE_LIMIT: '1000000',
        CHAOS_MARKER: stateRoot,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let buf = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  proc.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return { proc, lines, stderr: () => err, exited };
}

export async function waitForLine(child: ChaosChild, prefix: string, timeoutMs: number): Promise<string> {
  return waitFor(
    () => {
      const found = child.lines.find((l) => l.startsWith(prefix));
      if (found) return found;
      if (child.proc.exitCode !== null || child.proc.signalCode !== null)
        throw new Error(`chaos companion exited before ${prefix}: ${child.stderr()}`);
      return null;
    },
    `${prefix} from the chaos companion`,
    timeoutMs,
  );
}

export async function killHard(child: ChaosChild): Promise<void> {
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
}

/** Last resort in afterEach: nothing a test started may outlive it. */
export function killAllMentioning(marker: string): void {
  for (const pid of processesMentioning(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Small seeded PRNG so a failing run can be replayed with CHAOS_SEED. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}
