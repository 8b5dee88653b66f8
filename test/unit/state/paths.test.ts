import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  companionDir,
  defaultRuntimeRoot,
  resolveStateRoot,
  validateRuntimeRootOverride,
} from '../../../main/core/state/paths';

describe('state root resolution', () => {
  it('prefers an absolute PALYRA_STATE_ROOT', () => {
    expect(
      resolveStateRoot({ env: { PALYRA_STATE_ROOT: '/data/palyra' }, platform: 'linux', home: '/h' }),
    ).toBe('/data/palyra');
  });
  it('rejects a relative PALYRA_STATE_ROOT with an actionable error', () => {
    expect(() =>
      resolveStateRoot({ env: { PALYRA_STATE_ROOT: 'rel/dir' }, platform: 'linux', home: '/h' }),
    ).toThrow(
      expect.objectContaining({ code: 'state_root_not_absolute', hint: expect.stringContaining('absolute') }),
    );
  });
  it('falls back to XDG_STATE_HOME, then ~/.local/state, and %LOCALAPPDATA% on Windows', () => {
    expect(resolveStateRoot({ env: { XDG_STATE_HOME: '/x' }, platform: 'linux', home: '/h' })).toBe(
      '/x/palyra',
    );
    expect(resolveStateRoot({ env: { XDG_STATE_HOME: 'relative' }, platform: 'linux', home: '/h' })).toBe(
      '/h/.local/state/palyra',
    );
    expect(resolveStateRoot({ env: {}, platform: 'linux', home: '/h' })).toBe('/h/.local/state/palyra');
    expect(
      resolveStateRoot({
        env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
        platform: 'win32',
        home: '/h',
      }),
    ).toContain('Palyra');
  });
  it('puts our files and the default runtime under <root>/companion', () => {
    expect(companionDir('/r')).toBe(join('/r', 'companion'));
    expect(defaultRuntimeRoot('/r')).toBe(join('/r', 'companion', 'runtime'));
  });
});

describe('runtime root override validation', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'companion-root-'))));
  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a writable absolute directory, creating it, and leaves no probe behind', () => {
    const target = join(dir, 'a', 'b');
    expect(validateRuntimeRootOverride(`${target}/`)).toBe(target);
    expect(existsSync(target)).toBe(true);
    expect(readdirSync(target)).toEqual([]);
  });
  it('rejects relative paths and .. segments', () => {
    expect(() => validateRuntimeRootOverride('relative/x')).toThrow(
      expect.objectContaining({ code: 'state_root_not_absolute' }),
    );
    expect(() => validateRuntimeRootOverride(`${dir}/a/../../etc`)).toThrow(
      expect.objectContaining({ code: 'state_root_parent_segment' }),
    );
  });
  it('rejects a directory it cannot write to', () => {
    if (process.getuid?.() === 0) {
      // root ignores directory modes; a path under a regular file is unwritable for everyone.
      const file = join(dir, 'file');
      writeFileSync(file, 'x');
      expect(() => validateRuntimeRootOverride(join(file, 'sub'))).toThrow(
        expect.objectContaining({ code: 'state_root_not_writable' }),
      );
      return;
    }
    chmodSync(dir, 0o500);
    expect(() => validateRuntimeRootOverride(join(dir, 'sub'))).toThrow(
      expect.objectContaining({ code: 'state_root_not_writable' }),
    );
  });
});
