// Every sidecar carries PALYRA_COMPANION_SIDECAR=<service>@<stateRoot> in its environment (its
// children inherit it). The pid registry is written just after a spawn; a companion killed in
// between (or mid-save) leaves a sidecar nobody recorded. The next launch finds such processes by
// this marker and stops them instead of leaving them running and holding Palyra's ports.
import { readFileSync } from 'node:fs';
import { listPids, readProcStat } from '../process/procfs';

export const SIDECAR_MARKER_VAR = 'PALYRA_COMPANION_SIDECAR';

export function sidecarMarker(stateRoot: string, service: string): string {
  return `${service}@${stateRoot}`;
}

export interface MarkedProcess {
  pid: number;
  pgid: number;
  service: string;
}

/** Live processes carrying a sidecar marker of `stateRoot` (Linux /proc; empty elsewhere). */
export function findMarkedProcesses(stateRoot: string): MarkedProcess[] {
  const suffix = `@${stateRoot}`;
  const prefix = `${SIDECAR_MARKER_VAR}=`;
  const found: MarkedProcess[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    const at = environ.indexOf(prefix);
    if (at < 0) continue;
    const end = environ.indexOf('\0', at);
    const value = environ.slice(at + prefix.length, end < 0 ? undefined : end);
    if (!value.endsWith(suffix)) continue;
    const stat = readProcStat(pid);
    if (!stat || stat.state === 'Z' || stat.state === 'X') continue;
    found.push({ pid, pgid: stat.pgid, service: value.slice(0, -suffix.length) });
  }
  return found;
}
