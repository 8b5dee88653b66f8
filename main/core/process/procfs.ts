// Linux /proc readers. Everything here is best effort: on other platforms, or for processes we
// may not inspect, the readers return null and callers fall back to signal-based checks.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  /** One letter: R, S, D, Z (zombie), T, … */
  state: string;
  ppid: number;
  pgid: number;
  /** Field 22: clock ticks after boot. Together with the cmdline it identifies a process across pid reuse. */
  startTime: string;
}

export function readProcStat(pid: number): ProcStat | null {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const close = raw.lastIndexOf(')');
  if (close < 0) return null;
  const rest = raw.slice(close + 2).split(' ');
  // rest[0] is field 3; field n is rest[n - 3].
  const state = rest[0];
  const ppid = Number(rest[1]);
  const pgid = Number(rest[2]);
  const startTime = rest[19];
  if (!state || !Number.isFinite(ppid) || !Number.isFinite(pgid) || startTime === undefined) return null;
  return { pid, state, ppid, pgid, startTime };
}

export function readCmdline(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const parts = raw.split('\0');
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  } catch {
    return null;
  }
}

const hasProcfs = (() => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
})();

/** Alive and not a zombie. `kill(pid, 0)` alone reports zombies as alive, hence /proc first. */
export function isProcessAlive(pid: number): boolean {
  if (hasProcfs) {
    const stat = readProcStat(pid);
    return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Live (non-zombie) members of a process group. Empty when /proc is unavailable. */
export function processGroupMembers(pgid: number): number[] {
  if (!hasProcfs) return [];
  const members: number[] = [];
  for (const entry of listPids()) {
    const stat = readProcStat(entry);
    if (stat && stat.pgid === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(entry);
  }
  return members;
}

export function listPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** Pids whose open file descriptors include `socket:[inode]`. Only processes we may inspect are seen. */
export function pidsHoldingSocketInodes(inodes: Set<string>): number[] {
  const found: number[] = [];
  if (inodes.size === 0) return found;
  for (const pid of listPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) {
        found.push(pid);
        break;
      }
    }
  }
  return found;
}

export function processDisplayName(pid: number): string {
  const cmd = readCmdline(pid);
  if (cmd && cmd.length > 0) return cmd.join(' ').slice(0, 160);
  return 'unknown command';
}
