// Electron Forge 7 packaging: deb, rpm, zip (all platforms), dmg (macOS) and Squirrel (Windows),
// asar on, and the Electron fuses flipped to the hardened settings. It cannot run on the CI box
// (no Electron binary there) but it typechecks with the rest of the project.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { APP_BUNDLE_ID, EXECUTABLE_NAME, PRODUCT_NAME, SQUIRREL_NAME } from './main/shell/app-identity';

const description =
  'Menubar / system-tray companion for Palyra: supervises the local daemons, approvals, quick chat and notifications.';

/** Top-level entries that ship; everything else (sources, tests, bench, docs, configs) stays out. */
const SHIPPED_TOP_LEVEL = new Set(['/package.json', '/build', '/assets', '/node_modules']);

/**
 * packagerConfig.ignore: true for a path (relative to the project, leading "/") that must not be
 * in the package. Only the compiled main process (with the compiled simulator, which packaged
 * --demo runs) and the built UI ship from build/, without source maps or declarations; from
 * node-notifier only SnoreToast is used (WindowsToaster), not terminal-notifier or notifu.
 * devDependencies are pruned by the packager itself.
 */
export function ignoredInPackage(path: string): boolean {
  if (path === '') return false;
  if (!SHIPPED_TOP_LEVEL.has(`/${path.split('/')[1] ?? ''}`)) return true;
  if (/\.(map|ts|mts|md)$/.test(path)) return true;
  if (path.startsWith('/build/')) return !/^\/build\/(main|tray-ui)(\/|$)/.test(path);
  return /^\/node_modules\/node-notifier\/vendor\/(mac\.noindex|notifu)(\/|$)/.test(path);
}

const config: ForgeConfig = {
  packagerConfig: {
    name: PRODUCT_NAME,
    executableName: EXECUTABLE_NAME,
    appBundleId: APP_BUNDLE_ID,
    appCategoryType: 'public.app-category.developer-tools',
    // Forge adds .icns / .ico / .png per platform.
    icon: 'assets/icon',
    // SnoreToast is an .exe that Windows cannot start from inside the archive.
    asar: { unpack: '**/node_modules/node-notifier/vendor/snoreToast/**' },
    // Ship only what runs: the compiled main process and UI, the icons, and production modules.
    ignore: ignoredInPackage,
    extendInfo: {
      // A menubar app: no Dock icon on macOS.
      LSUIElement: true,
    },
  },
  makers: [
    new MakerZIP({}, ['linux', 'darwin', 'win32']),
    new MakerDeb({
      options: {
        name: EXECUTABLE_NAME,
        productName: PRODUCT_NAME,
        genericName: 'Palyra operator companion',
        description,
        icon: 'assets/icon.png',
        categories: ['Utility', 'Development'],
        // D-Bus notifications with actions need a notification daemon; AppIndicator for the tray.
        depends: ['libnotify4', 'libappindicator3-1 | libayatana-appindicator3-1'],
      },
    }),
    new MakerRpm({
      options: {
        name: EXECUTABLE_NAME,
        productName: PRODUCT_NAME,
        description,
        icon: 'assets/icon.png',
        categories: ['Utility', 'Development'],
      },
    }),
    new MakerDMG({ icon: 'assets/icon.icns', format: 'ULFO' }, ['darwin']),
    // `name` also fixes the AppUserModelID the app sets (app-identity.ts).
    new MakerSquirrel({ name: SQUIRREL_NAME, setupIcon: 'assets/icon.ico', description }, ['win32']),
  ],
  plugins: [
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // Off: the popover is served from the palyra-companion:// scheme, not file:// (ui-protocol.ts).
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
