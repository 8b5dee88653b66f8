import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import config from '../../../forge.config';

const root = join(__dirname, '..', '..', '..');

describe('forge config', () => {
  it('packages into an asar with icons that exist', () => {
    expect(config.packagerConfig?.asar).toBe(true);
    const icon = String(config.packagerConfig?.icon);
    for (const ext of ['.png', '.ico', '.icns'])
      expect(existsSync(join(root, icon + ext)), icon + ext).toBe(true);
  });

  it('has the deb, rpm, zip, dmg and squirrel makers', () => {
    const names = (config.makers ?? []).map((m) => (m as { name: string }).name).sort();
    expect(names).toEqual(['deb', 'dmg', 'rpm', 'squirrel', 'zip']);
  });

  it('flips the fuses to the hardened settings', () => {
    const fuses = (config.plugins ?? []).find((p) => (p as { name?: string }).name === 'fuses') as
      { config: Record<number, boolean> } | undefined;
    expect(fuses).toBeDefined();
    expect(fuses!.config).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('leaves sources and tests out of the package', () => {
    const ignore = config.packagerConfig?.ignore as RegExp[];
    const ignored = (path: string) => ignore.some((r) => r.test(path));
    for (const path of [
      '/main/shell/main.ts',
      '/test/unit/x.ts',
      '/tray-ui/src/App.svelte',
      '/build/test/fixtures/a.js',
    ])
      expect(ignored(path), path).toBe(true);
    for (const path of [
      '/build/main/shell/main.js',
      '/build/tray-ui/index.html',
      '/assets/tray/tray-healthy.png',
      '/package.json',
    ])
      expect(ignored(path), path).toBe(false);
  });
});
