import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../../scripts/build-stamps.mjs';

describe('build stamps (npm start skips a current build)', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

  function project() {
    const root = mkdtempSync(join(tmpdir(), 'companion-stamps-'));
    roots.push(root);
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    mkdirSync(join(root, 'build'), { recursive: true });
    writeFileSync(join(root, 'src', 'deep', 'a.ts'), 'a');
    writeFileSync(join(root, 'build', 'out.js'), 'out');
    const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
    return { root, at, stamp: join(root, 'build', '.stamp') };
  }
  const part = { inputs: ['src'], output: 'build/out.js' };

  it('builds when there is no stamp yet', () => {
    const { root, stamp } = project();
    expect(staleReason(root, part, stamp)).toBe('no previous build');
  });

  it('skips when every input is older than the stamp, rebuilds when one is newer', () => {
    const { root, at, stamp } = project();
    writeFileSync(stamp, '');
    at('src/deep/a.ts', 1_000);
    at('build/.stamp', 2_000);
    expect(staleReason(root, part, stamp)).toBeNull();
    at('src/deep/a.ts', 3_000);
    expect(staleReason(root, part, stamp)).toBe('src changed');
  });

  it('rebuilds when the output is gone even if the stamp is new', () => {
    const { root, stamp } = project();
    writeFileSync(stamp, '');
    rmSync(join(root, 'build', 'out.js'));
    expect(staleReason(root, part, stamp)).toBe('no previous build');
  });
});
