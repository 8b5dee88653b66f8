// Where the companion keeps its files. Mirrors Palyra's state-root resolution so the companion
// and the CLI agree on one root, but our own files live under <stateRoot>/companion/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize, sep } from 'node:path';
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
  const probe = join(normalized, `.companion-write-probe-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(normalized, { recursive: true, mode: 0o700 });
    writeFileSync(probe, 'probe', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    throw new CompanionError(
      'state_root_not_writable',
      `The state root ${normalized} is not writable (${code}).`,
      'Pick a directory you own, or fix its permissions, then try again.',
      { cause: err },
    );
  }
  return normalized;
}
