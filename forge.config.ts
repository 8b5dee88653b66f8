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

const description =
  'Menubar / system-tray companion for Palyra: supervises the local daemons, approvals, quick chat and notifications.';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Palyra Companion',
    executableName: 'palyra-companion',
    appBundleId: 'dev.palyra.companion',
    appCategoryType: 'public.app-category.developer-tools',
    // Forge adds .icns / .ico / .png per platform.
    icon: 'assets/icon',
    asar: true,
    // Ship only what runs: the compiled main process and UI, the icons, and production modules.
    ignore: [
      /^\/(main|test|tray-ui|bench|docs|\.ci|out|coverage)(\/|$)/,
      /^\/build\/test(\/|$)/,
      /\.map$/,
      /^\/\..+/,
    ],
    extendInfo: {
      // A menubar app: no Dock icon on macOS.
      LSUIElement: true,
    },
  },
  makers: [
    new MakerZIP({}, ['linux', 'darwin', 'win32']),
    new MakerDeb({
      options: {
        name: 'palyra-companion',
        productName: 'Palyra Companion',
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
        name: 'palyra-companion',
        productName: 'Palyra Companion',
        description,
        icon: 'assets/icon.png',
        categories: ['Utility', 'Development'],
      },
    }),
    new MakerDMG({ icon: 'assets/icon.icns', format: 'ULFO' }, ['darwin']),
    new MakerSquirrel({ name: 'palyra_companion', setupIcon: 'assets/icon.ico', description }, ['win32']),
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
      // Left on: the popover is a file:// page, which needs the file protocol's usual privileges.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
    }),
  ],
};

export default config;
