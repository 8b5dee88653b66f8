import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reusablePalyraDesktopRuntime } from '../../../main/core/companion/palyra-desktop-runtime';

describe('reusing Palyra desktop runtime', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reuses <state root>/desktop-control-center/runtime while the companion has no runtime data', () => {
    root = mkdtempSync(join(tmpdir(), 'palyra-runtime-'));
    const ours = join(root, 'companion', 'runtime');
    expect(reusablePalyraDesktopRuntime(root, ours)).toBeNull();
    mkdirSync(join(root, 'desktop-control-center', 'runtime', 'data'), { recursive: true });
    expect(reusablePalyraDesktopRuntime(root, ours)).toBe(join(root, 'desktop-control-center', 'runtime'));
    mkdirSync(join(ours, 'data'), { recursive: true });
    expect(reusablePalyraDesktopRuntime(root, ours)).toBeNull();
  });
});
