// Loads core's factory at run time. Core (main/core/companion) is written in parallel with the
// shell; resolving it here keeps the shell compiling before it lands and turns a missing or
// broken core into an actionable error instead of a crash.
import type { CompanionCore } from '../contract/dispatch';
import { CompanionError } from '../core/errors';

/** The subset of core's CompanionOptions (main/core/companion) the shell sets. */
export interface CoreStartOptions {
  /** `--demo`: run against the gateway simulator. */
  demo: boolean;
  /** Where a packaged app keeps palyrad & co. next to its executable; null in development. */
  appDir: string | null;
  log(line: string): void;
}

type CoreFactory = (options: CoreStartOptions) => CompanionCore | Promise<CompanionCore>;

/** A variable, not a literal, so the compiler does not insist the module exists yet. */
const CORE_MODULE = '../core/companion';

export async function loadCompanionCore(
  options: CoreStartOptions,
  load: () => Promise<unknown> = () => import(CORE_MODULE),
): Promise<CompanionCore> {
  let factory: CoreFactory;
  try {
    const loaded = (await load()) as { createCompanionCore?: unknown } | null;
    if (!loaded || typeof loaded.createCompanionCore !== 'function')
      throw new Error('createCompanionCore is not exported');
    factory = loaded.createCompanionCore as CoreFactory;
  } catch (err) {
    throw new CompanionError(
      'core_missing',
      `The companion core could not be loaded: ${err instanceof Error ? err.message : String(err)}.`,
      'Rebuild the app (npm run build) or reinstall it.',
      { cause: err },
    );
  }
  return factory(options);
}
