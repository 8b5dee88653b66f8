// Palyra's own desktop app (apps/desktop/src-tauri) runs the daemons with
// `<state root>/desktop-control-center/runtime` as their PALYRA_STATE_ROOT; the companion's default
// is `<state root>/companion/runtime`. An operator moving over from Palyra's app keeps their
// journal, identity (node pairing) and vault: while the companion has no runtime of its own, it
// reuses Palyra's in place. Copying would fork the journal and the node identity, and the two apps
// cannot run the daemons at the same time anyway (same ports).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function palyraDesktopRuntimeRoot(stateRoot: string): string {
  return join(stateRoot, 'desktop-control-center', 'runtime');
}

/** Palyra's desktop runtime when it exists and the companion's own runtime holds no data yet. */
export function reusablePalyraDesktopRuntime(stateRoot: string, companionRuntimeRoot: string): string | null {
  const theirs = palyraDesktopRuntimeRoot(stateRoot);
  if (!existsSync(theirs)) return null;
  if (existsSync(join(companionRuntimeRoot, 'data'))) return null;
  return theirs;
}
