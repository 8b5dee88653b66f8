// Which sidecars this companion started, on disk, so a companion that was kill -9'd can find
// them on its next launch. Written atomically (temp + rename) so a crash mid-write leaves either
// the old or the new file, never half of one. No fsync: it is written on every spawn and exit (the
// respawn path), and the only crash it must survive is the companion's own — the page cache
// outlives a killed process, while a power loss takes the sidecars it lists down with it.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readProcStat } from '../process/procfs';

export interface PidRecord {
  service: string;
  pid: number;
  pgid: number;
  /** /proc/<pid>/stat field 22; with the cmdline it tells our process from one that reused the pid. */
  startTime: string | null;
  cmdline: string[];
  /** Hash of binary + args + env, so a leftover started with a different config is not adopted. */
  fingerprint: string;
  spawnedAtMs: number;
}

/** The companion that wrote the registry: its sidecars are not another companion's leftovers. */
export interface RegistryOwner {
  pid: number;
  startTime: string | null;
}

interface RegistryFile {
  version: 1;
  owner?: RegistryOwner;
  sidecars: PidRecord[];
}

function isOwner(v: unknown): v is RegistryOwner {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return Number.isInteger(o.pid) && (o.startTime === null || typeof o.startTime === 'string');
}

function isPidRecord(v: unknown): v is PidRecord {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.service === 'string' &&
    Number.isInteger(r.pid) &&
    (r.pid as number) > 1 &&
    Number.isInteger(r.pgid) &&
    (r.pgid as number) > 1 &&
    (r.startTime === null || typeof r.startTime === 'string') &&
    Array.isArray(r.cmdline) &&
    r.cmdline.every((s) => typeof s === 'string') &&
    typeof r.fingerprint === 'string' &&
    typeof r.spawnedAtMs === 'number'
  );
}

export class PidRegistry {
  readonly path: string;
  private records = new Map<string, PidRecord>();
  /** Set when the file on disk could not be read; the bad file is kept aside, not deleted. */
  loadProblem: string | null = null;
  /** Who wrote the file that was loaded (absent in files from older companions). */
  loadedOwner: RegistryOwner | null = null;

  constructor(stateRoot: string) {
    this.path = join(stateRoot, 'companion', 'sidecars.json');
  }

  load(): PidRecord[] {
    this.records.clear();
    this.loadProblem = null;
    this.loadedOwner = null;
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.loadProblem = `cannot read ${this.path}: ${(err as Error).message}`;
      return [];
    }
    try {
      const parsed = JSON.parse(raw) as Partial<RegistryFile>;
      if (!parsed || !Array.isArray(parsed.sidecars)) throw new Error('missing "sidecars" array');
      if (isOwner(parsed.owner)) this.loadedOwner = parsed.owner;
      for (const rec of parsed.sidecars) {
        if (isPidRecord(rec)) this.records.set(rec.service, rec);
      }
    } catch (err) {
      const aside = `${this.path}.corrupt-${Date.now()}`;
      try {
        renameSync(this.path, aside);
      } catch {
        // Leave it where it is; the next write replaces it.
      }
      this.loadProblem = `${this.path} was unreadable (${(err as Error).message}); kept as ${aside}`;
    }
    return [...this.records.values()];
  }

  all(): PidRecord[] {
    return [...this.records.values()];
  }

  set(record: PidRecord): void {
    this.records.set(record.service, record);
    this.save();
  }

  remove(service: string): void {
    if (this.records.delete(service)) this.save();
  }

  private save(): void {
    const body: RegistryFile = {
      version: 1,
      owner: { pid: process.pid, startTime: readProcStat(process.pid)?.startTime ?? null },
      sidecars: [...this.records.values()],
    };
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(body, null, 2));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
