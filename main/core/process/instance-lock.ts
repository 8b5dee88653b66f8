// One companion per state root: <stateRoot>/companion/companion.lock names the owner (pid, its
// /proc start time, and in browser mode the UI's origin). Taken with link(2), which fails when the
// file exists, so two launches can never both win; the lock's content is complete before it
// appears. A lock whose pid is dead, or now another process (start time differs), is stale: a
// crashed or kill -9'd companion never blocks the next one.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompanionError } from '../errors';
import { isProcessAlive, readProcStat } from './procfs';

export interface LockOwner {
  pid: number;
  /** /proc/<pid>/stat start time; null where /proc is unavailable. */
  startTime: string | null;
  /** The browser UI's origin (never its token) once the host serves it; null in Electron. */
  address: string | null;
  acquiredAtMs: number;
}

const TAKE_ATTEMPTS = 5;

export function instanceLockPath(companionDir: string): string {
  return join(companionDir, 'companion.lock');
}

function readOwner(path: string): LockOwner | null | 'missing' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : null;
  }
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(v.pid) || (v.pid as number) < 1) return null;
    return {
      pid: v.pid as number,
      startTime: typeof v.startTime === 'string' ? v.startTime : null,
      address: typeof v.address === 'string' ? v.address : null,
      acquiredAtMs: typeof v.acquiredAtMs === 'number' ? v.acquiredAtMs : 0,
    };
  } catch {
    return null;
  }
}

/** The owner still runs: same pid, alive, and (where known) the same process start time. */
export function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return true;
  if (!isProcessAlive(owner.pid)) return false;
  if (owner.startTime === null) return true;
  return readProcStat(owner.pid)?.startTime === owner.startTime;
}

function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid}${owner.address ? `, UI at ${owner.address}` : ''}`;
}

const heldLocks = new Set<InstanceLock>();

export class InstanceLock {
  private held = true;
  private owner: LockOwner;

  private constructor(
    readonly path: string,
    owner: LockOwner,
  ) {
    this.owner = owner;
  }

  /** Takes the lock or throws `already_running` naming the live owner. */
  static acquire(companionDir: string, stateRoot: string): InstanceLock {
    const path = instanceLockPath(companionDir);
    const owner: LockOwner = {
      pid: process.pid,
      startTime: readProcStat(process.pid)?.startTime ?? null,
      address: null,
      acquiredAtMs: Date.now(),
    };
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(owner), { mode: 0o600 });
    try {
      for (let attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
        try {
          linkSync(temp, path);
          const lock = new InstanceLock(path, owner);
          heldLocks.add(lock);
          return lock;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const current = readOwner(path);
        if (current === 'missing') continue;
        if (current !== null && ownerIsAlive(current)) {
          throw new CompanionError(
            'already_running',
            `Another Palyra Companion already runs on the state root ${stateRoot} (${describeOwner(current)}).`,
            current.address
              ? `Use that one (open the link it printed), or stop it (kill ${current.pid}) before starting another.`
              : `Use that one, or stop it (kill ${current.pid}) before starting another.`,
          );
        }
        removeStale(path, current);
      }
      throw new CompanionError(
        'lock_contended',
        `Could not take ${path}: other companions kept starting at the same time.`,
        'Start one companion per state root; try again in a moment.',
      );
    } finally {
      unlinkQuietly(temp);
    }
  }

  /** Records the browser UI's origin so a second launch can point the operator at it. */
  setAddress(address: string): void {
    if (!this.held) return;
    this.owner = { ...this.owner, address };
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.owner), { mode: 0o600 });
    renameSync(temp, this.path);
  }

  /** Removes the lock if it is still ours. Safe to call twice. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    heldLocks.delete(this);
    const current = readOwner(this.path);
    if (current !== 'missing' && current !== null && current.pid === process.pid) unlinkQuietly(this.path);
  }
}

/**
 * Moves a stale lock aside, then deletes it only if what was moved is the stale one: between our
 * read and the rename another launch may have replaced it with its live lock, which goes back.
 */
function removeStale(path: string, stale: LockOwner | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Gone already: the next attempt links.
  }
  const moved = readOwner(aside);
  const same =
    moved === null ||
    moved === 'missing' ||
    (stale !== null && moved.pid === stale.pid && moved.acquiredAtMs === stale.acquiredAtMs) ||
    !ownerIsAlive(moved);
  if (!same) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else linked meanwhile; they will find the live owner when they check.
    }
  }
  unlinkQuietly(aside);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Locks this process holds, so the host can publish its address without reaching into core. */
export function announceHostAddress(address: string): void {
  for (const lock of heldLocks) lock.setAddress(address);
}
