// One companion per user: a second launch hands over to the first (which shows its popover) and
// exits, so two supervisors never fight over the same sidecars.
import type { SingleInstancePort } from './electron-ports';

/** Returns false when another instance runs; the caller must then exit without starting anything. */
export function claimSingleInstance(app: SingleInstancePort, onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondLaunch);
  return true;
}
