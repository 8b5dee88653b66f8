// Where the companion keeps its files. Mirrors Palyra's state-root resolution so the companion
// and the CLI agree on one root, but our own files live under <stateRoot>/companion/.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { CompanionError } from '../errors';

export interface StateRootSource {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Palyra's default root for this platform, ignoring PALYRA_STATE_ROOT. */
export function defaultStateRoot(source: StateRootSource = {}): string {
  const env = source.env ?? process.env;
  const platform = source.platform ?? process.platform;
  const home = source.home ?? homedir();
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || env.APPDATA;
    if (base) return join(base, 'Palyra');
    return join(home, 'AppData', 'Local', 'Palyra');
  }
  const xdg = env.XDG_STATE_HOME;
  // XDG says relative values are invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'palyra');
  return join(home, '.local', 'state', 'palyra');
}

/** PALYRA_STATE_ROOT (absolute only), else the platform default. */
export function resolveStateRoot(source: StateRootSource = {}): string {
  const env = source.env ?? process.env;
  const explicit = env.PALYRA_STATE_ROOT;
  if (explicit !== undefined && explicit.trim() !== '') {
    if (!isAbsolute(explicit)) {
      throw new CompanionError(
        'state_root_not_absolute',
        `PALYRA_STATE_ROOT must be an absolute path, got ${JSON.stringify(explicit)}.`,
        'Set PALYRA_STATE_ROOT to an absolute directory (or unset it to use the default) and restart.',
      );
    }
    return normalize(explicit);
  }
  return defaultStateRoot(source);
}

export function companionDir(stateRoot: string): string {
  return join(stateRoot, 'companion');
}

export function defaultRuntimeRoot(stateRoot: string): string {
  return join(companionDir(stateRoot), 'runtime');
}

/**
 * Checks an operator-chosen runtime root: absolute, no `..` segments, and actually writable
 * (creates it, then writes and deletes a probe file). Returns the normalized path.
 */
export function validateRuntimeRootOverride(path: string): string {
  const trimmed = path.trim();
  if (!isAbsolute(trimmed)) {
    throw new CompanionError(
      'state_root_not_absolute',
      `The state root must be an absolute path, got ${JSON.stringify(trimmed)}.`,
      'Choose a full path such as /home/you/palyra-state.',
    );
  }
  if (trimmed.split(/[\\/]+/).includes('..')) {
    throw new CompanionError(
      'state_root_parent_segment',
      'The state root must not contain ".." segments.',
      'Choose the directory by its direct absolute path.',
    );
  }
  const normalized = normalize(trimmed).replace(new RegExp(`\\${sep}+$`), '') || sep;
  const problem = writableDirectoryProblem(normalized);
  if (problem) {
    throw new CompanionError(
      'state_root_not_writable',
      `The state root ${normalized} is not usable: ${problem.reason} (${problem.code}).`,
      'Pick a directory you own, or fix its permissions, then try again.',
      { cause: problem.error },
    );
  }
  return normalized;
}

/** Deepest directory chain we create; a path needing more is refused rather than looped on. */
const MAX_CREATED_DEPTH = 64;

/**
 * mkdir -p without Node's recursive mkdir, which spins forever on some paths (e.g. under /proc,
 * where mkdir answers ENOENT for a parent that stat says exists). Each missing level is made
 * once; the first error is thrown.
 */
export function makeDirectoryChain(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) {
        throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR' });
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at || missing.length > MAX_CREATED_DEPTH) break;
    at = parent;
  }
  for (const level of missing) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

const REASONS: Record<string, string> = {
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'its disk is full',
  EDQUOT: 'your disk quota is used up',
  EACCES: `you (uid ${process.getuid?.() ?? '?'}) may not write there`,
  EPERM: `you (uid ${process.getuid?.() ?? '?'}) may not write there`,
  ENOENT: 'it cannot be created there (a parent directory does not accept new entries)',
  ENOTDIR: 'a part of the path is a file, not a directory',
};

/** Creates `dir` when missing and proves it writable with a probe file; null when usable. */
export function writableDirectoryProblem(
  dir: string,
): { code: string; reason: string; error: unknown } | null {
  const probe = join(dir, `.companion-write-probe-${process.pid}-${Date.now()}`);
  try {
    makeDirectoryChain(dir);
    writeFileSync(probe, 'probe', { mode: 0o600 });
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    try {
      rmSync(probe, { force: true });
    } catch {
      // Not even inspectable: the error below already says why.
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    return { code, reason: REASONS[code] ?? (error as Error).message, error };
  }
}

/**
 * Makes sure the companion can keep its files under `stateRoot`, before anything else touches it.
 * Throws `state_root_unusable` (launch exits 2) with the reason and what to do.
 */
export function prepareStateRoot(stateRoot: string): void {
  const problem = writableDirectoryProblem(companionDir(stateRoot));
  if (!problem) return;
  const fix =
    problem.code === 'ENOSPC' || problem.code === 'EDQUOT'
      ? 'free some space on that disk'
      : problem.code === 'EROFS'
        ? 'remount it read-write'
        : 'fix its permissions';
  throw new CompanionError(
    'state_root_unusable',
    `Cannot use the state root ${stateRoot}: ${problem.reason} (${problem.code}).`,
    `Start with --state-root <a directory you can write> (or set PALYRA_STATE_ROOT), or ${fix}.`,
    { cause: problem.error },
  );
}
