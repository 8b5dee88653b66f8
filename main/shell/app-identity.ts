// The app's names, shared by forge.config.ts (what the installers create) and the shell (what it
// tells the OS at run time), so the two cannot drift apart. Plain constants: forge loads this file
// outside Electron.
export const PRODUCT_NAME = 'Palyra Companion';
/** packagerConfig.executableName: the exe is palyra-companion(.exe). */
export const EXECUTABLE_NAME = 'palyra-companion';
export const APP_BUNDLE_ID = 'dev.palyra.companion';
/** MakerSquirrel's `name` (the NuGet id; Squirrel allows no dashes). */
export const SQUIRREL_NAME = 'palyra_companion';

/**
 * Squirrel's Update.exe --createShortcut stamps the Start-menu shortcut with this AppUserModelID;
 * Windows shows a toast only when the app's id matches a shortcut's, so the app must use the same
 * one (Electron's Windows notification docs; electron-winstaller's README).
 */
export const WINDOWS_APP_USER_MODEL_ID = `com.squirrel.${SQUIRREL_NAME}.${EXECUTABLE_NAME}`;
