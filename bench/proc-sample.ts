// Measures a running product from outside, as `top` would: CPU time and RSS of a process and
// all its descendants, read from /proc (per-thread schedstat for nanosecond CPU time, statm for
// RSS, status for context switches = wake-ups). Nothing runs inside the measured process.
import { readFileSync, readdirSync } from 'node:fs';
import { median } from './report';

const PAGE = 4096;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function tasks(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** The pid and every descendant (through /proc/<pid>/task/<tid>/children). */
export function processTree(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (read(`/proc/${pid}/stat`) === null) continue;
    out.push(pid);
    for (const tid of tasks(pid)) {
      const children = read(`/proc/${pid}/task/${tid}/children`);
      if (children) for (const c of children.trim().split(/\s+/)) if (c) queue.push(Number(c));
    }
  }
  return out;
}

export interface Usage {
  /** CPU time of all threads, ns. */
  cpuNs: number;
  rssBytes: number;
  /** Voluntary + involuntary context switches of all threads: how often it woke up. */
  switches: number;
}

export function usageOf(pid: number): Usage | null {
  const statm = read(`/proc/${pid}/statm`);
  if (statm === null) return null;
  let cpuNs = 0;
  let switches = 0;
  for (const tid of tasks(pid)) {
    const sched = read(`/proc/${pid}/task/${tid}/schedstat`);
    if (sched) cpuNs += Number(sched.split(' ')[0]);
    const status = read(`/proc/${pid}/task/${tid}/status`);
    if (status) {
      for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm))
        switches += Number(m[1]);
    }
  }
  return { cpuNs, rssBytes: Number(statm.split(' ')[1]) * PAGE, switches };
}

export interface WindowSample {
  /** % of one core over the window. */
  cpuPercent: number;
  rssMiB: number;
  wakeupsPerS: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One window: CPU and wake-ups over `windowMs`, RSS at its end, summed over `pids()`. */
export async function sampleWindow(pids: () => number[], windowMs: number): Promise<WindowSample> {
  const before = new Map<number, Usage>();
  for (const pid of pids()) {
    const u = usageOf(pid);
    if (u) before.set(pid, u);
  }
  const t0 = process.hrtime.bigint();
  await sleep(windowMs);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let cpuNs = 0;
  let rss = 0;
  let switches = 0;
  for (const pid of pids()) {
    const u = usageOf(pid);
    if (!u) continue;
    const b = before.get(pid) ?? { cpuNs: 0, rssBytes: 0, switches: 0 };
    cpuNs += u.cpuNs - b.cpuNs;
    switches += u.switches - b.switches;
    rss += u.rssBytes;
  }
  return {
    cpuPercent: (cpuNs / 1e9 / seconds) * 100,
    rssMiB: rss / 2 ** 20,
    wakeupsPerS: switches / seconds,
  };
}

export interface IdleProfile {
  windows: WindowSample[];
  cpu: number;
  rss: number;
  wakeups: number;
  peakRss: number;
}

/** Several windows back to back; medians (and the peak RSS). */
export async function idleProfile(
  pids: () => number[],
  windows: number,
  windowMs: number,
): Promise<IdleProfile> {
  const samples: WindowSample[] = [];
  for (let i = 0; i < windows; i += 1) samples.push(await sampleWindow(pids, windowMs));
  return {
    windows: samples,
    cpu: median(samples.map((s) => s.cpuPercent)),
    rss: median(samples.map((s) => s.rssMiB)),
    wakeups: median(samples.map((s) => s.wakeupsPerS)),
    peakRss: Math.max(...samples.map((s) => s.rssMiB)),
  };
}
