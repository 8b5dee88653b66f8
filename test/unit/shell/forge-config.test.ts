import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import config, { ignoredInPackage } from '../../../forge.config';
import { EXECUTABLE_NAME, SQUIRREL_NAME, WINDOWS_APP_USER_MODEL_ID } from '../../../main/shell/app-identity';

const root = join(__dirname, '..', '..', '..');

describe('forge config', () => {
  it('packages into an asar with icons that exist', () => {
    expect(config.packagerConfig?.asar).toBeTruthy();
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
      // The UI comes from the palyra-companion:// scheme, so file:// needs no extra privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it("names the Squirrel package and the exe as the app's AppUserModelID expects", () => {
    const squirrel = (config.makers ?? []).find(
      (m) => (m as { name: string }).name === 'squirrel',
    ) as unknown as {
      configOrConfigFetcher: { name: string };
    };
    expect(squirrel.configOrConfigFetcher.name).toBe(SQUIRREL_NAME);
    expect(config.packagerConfig?.executableName).toBe(EXECUTABLE_NAME);
    expect(WINDOWS_APP_USER_MODEL_ID).toBe(
      `com.squirrel.${squirrel.configOrConfigFetcher.name}.${config.packagerConfig?.executableName}`,
    );
  });

  it('unpacks SnoreToast from the asar so Windows can start it', () => {
    expect(config.packagerConfig?.asar).toEqual({
      unpack: '**/node_modules/node-notifier/vendor/snoreToast/**',
    });
  });

  it('ships only the compiled app, the UI, icons and runtime modules', () => {
    expect(config.packagerConfig?.ignore).toBe(ignoredInPackage);
    const shipped = [
      '',
      '/package.json',
      '/build',
      '/build/main/launch.js',
      '/build/main/shell/main.js',
      '/build/main/dev/simulator/palyrad.js',
      '/build/tray-ui/index.html',
      '/build/tray-ui/assets/index-abc.js',
      '/assets/tray/tray-healthy.png',
      '/node_modules/menubar/lib/index.js',
      '/node_modules/node-notifier/vendor/snoreToast/snoretoast-x64.exe',
    ];
    const leftOut = [
      '/main/shell/main.ts',
      '/main/dev/simulator/palyrad.ts',
      '/test/unit/x.ts',
      '/tray-ui/src/App.svelte',
      '/bench/run.ts',
      '/docs/performance.md',
      '/README.md',
      '/forge.config.ts',
      '/tsconfig.json',
      '/package-lock.json',
      '/wdio.electron.conf.ts',
      '/.ci/run',
      '/.git',
      '/out/make',
      '/build/test/fixtures/notifyd/notifyd.js',
      '/build/bench/run.js',
      '/build/main/shell/main.js.map',
      '/build/main/shell/main.d.ts',
      '/node_modules/node-notifier/vendor/mac.noindex/terminal-notifier.app',
      '/node_modules/node-notifier/vendor/notifu/notifu.exe',
      '/node_modules/zod/README.md',
    ];
    expect(shipped.filter(ignoredInPackage)).toEqual([]);
    expect(leftOut.filter((path) => !ignoredInPackage(path))).toEqual([]);
  });
});
