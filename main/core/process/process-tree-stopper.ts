// Stops a sidecar and everything it started. The process group catches double-forked orphans;
// ps-tree catches descendants that moved to a group of their own (but still have a parent link).
import type psTreeModule from 'ps-tree';
import { isProcessAlive, processGroupMembers } from './procfs';

export interface StopTarget {
  pid: number;
  /** Equals pid for children spawned with `detached: true`. */
  pgid: number;
  stopSignal: NodeJS.Signals;
  /** How long each escalation step waits before the next, stronger signal. */
  stopTimeoutMs: number;
}

export interface StopOutcome {
  /** The strongest signal that had to be sent. */
  escalatedTo: NodeJS.Signals;
  /** Pids still alive after SIGKILL (should always be empty). */
  survivors: number[];
}

/**
 * ps-tree is loaded on the first stop, not at start-up: it brings event-stream and Node's stream
 * machinery with it (~5 MiB resident), and a companion that never stops a sidecar never needs it.
 */
function psTree(): typeof psTreeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ps-tree') as typeof psTreeModule;
}

export function descendantsOf(pid: number): Promise<number[]> {
  return new Promise((resolve) => {
    psTree()(pid, (err, children) => {
      if (err || !children) return resolve([]);
      resolve(children.map((c) => Number(c.PID)).filter((n) => Number.isFinite(n) && n !== pid));
    });
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function alive(target: StopTarget, extra: number[]): number[] {
  const left = new Set<number>(processGroupMembers(target.pgid));
  if (isProcessAlive(target.pid)) left.add(target.pid);
  for (const pid of extra) if (isProcessAlive(pid)) left.add(pid);
  return [...left];
}

async function waitUntilGone(target: StopTarget, extra: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (alive(target, extra).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Graceful stop: the service's own stop signal (SIGINT for Palyra daemons, which only handle
 * Ctrl-C) to the whole group, then SIGTERM, then SIGKILL; verifies nothing survived.
 */
export async function stopProcessTree(target: StopTarget): Promise<StopOutcome> {
  // Collected before signalling: once the parent dies its descendants lose the parent link.
  const outsiders = (await descendantsOf(target.pid)).filter(
    (pid) => !processGroupMembers(target.pgid).includes(pid),
  );
  const steps: NodeJS.Signals[] = [target.stopSignal];
  if (target.stopSignal !== 'SIGTERM') steps.push('SIGTERM');
  for (const signal of steps) {
    signalGroup(target.pgid, signal);
    signalPid(target.pid, signal);
    for (const pid of outsiders) signalPid(pid, signal);
    if (await waitUntilGone(target, outsiders, target.stopTimeoutMs)) {
      return { escalatedTo: signal, survivors: [] };
    }
  }
  for (const pid of alive(target, outsiders)) signalPid(pid, 'SIGKILL');
  signalGroup(target.pgid, 'SIGKILL');
  await waitUntilGone(target, outsiders, 5_000);
  return { escalatedTo: 'SIGKILL', survivors: alive(target, outsiders) };
}

/** Immediate SIGKILL of whatever is left of a group (used after a crash, before respawning). */
export function killGroupNow(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
