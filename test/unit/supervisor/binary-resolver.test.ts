import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryResolver } from '../../../main/core/process/binary-resolver';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resolver-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function exe(path: string, mode = 0o755): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

const lookup = { name: 'palyrad', envVar: 'PALYRA_DESKTOP_PALYRAD_BIN' };

describe('BinaryResolver', () => {
  it('prefers a valid env override', () => {
    const p = exe(join(dir, 'custom', 'palyrad'));
    exe(join(dir, 'app', 'palyrad'));
    const r = new BinaryResolver({
      env: { PALYRA_DESKTOP_PALYRAD_BIN: p, PATH: '' },
      appDir: join(dir, 'app'),
    }).resolve(lookup);
    expect(r).toMatchObject({ found: true, path: p });
  });

  it('rejects a relative, missing, directory or non-executable override, naming the variable', () => {
    const notExec = exe(join(dir, 'plain'), 0o644);
    for (const value of ['palyrad', join(dir, 'nope'), dir, notExec]) {
      const r = new BinaryResolver({ env: { PALYRA_DESKTOP_PALYRAD_BIN: value } }).resolve(lookup);
      expect(r.found).toBe(false);
      if (!r.found) {
        expect(r.error.code).toBe('binary_missing');
        expect(r.error.message).toContain('PALYRA_DESKTOP_PALYRAD_BIN');
        expect(r.error.hint.length).toBeGreaterThan(0);
      }
    }
  });

  it('looks next to the app, then on PATH (absolute entries only)', () => {
    const onPath = exe(join(dir, 'bin2', 'palyrad'));
    const env = { PATH: ['', 'relative/bin', join(dir, 'bin1'), join(dir, 'bin2')].join(':') };
    const r = new BinaryResolver({ env, appDir: join(dir, 'app') }).resolve(lookup);
    expect(r).toMatchObject({ found: true, path: onPath });
    expect(r.searched).toEqual([join(dir, 'app', 'palyrad'), join(dir, 'bin1', 'palyrad'), onPath]);
    const appBin = exe(join(dir, 'app', 'palyrad'));
    expect(new BinaryResolver({ env, appDir: join(dir, 'app') }).resolve(lookup)).toMatchObject({
      path: appBin,
    });
  });

  it('when missing, names every place it looked', () => {
    const env = { PATH: `${join(dir, 'a')}:${join(dir, 'b')}` };
    const r = new BinaryResolver({ env, appDir: join(dir, 'app') }).resolve(lookup);
    expect(r.found).toBe(false);
    if (!r.found) {
      for (const place of [
        'PALYRA_DESKTOP_PALYRAD_BIN',
        join(dir, 'app', 'palyrad'),
        join(dir, 'a', 'palyrad'),
        join(dir, 'b', 'palyrad'),
      ]) {
        expect(r.error.message).toContain(place);
      }
      expect(r.searched).toHaveLength(4);
    }
  });
});
