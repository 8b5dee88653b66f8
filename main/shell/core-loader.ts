// Starts core for the shell. The module is imported statically (a change to core's options
// breaks the build); the indirection lets tests hand in a fake and turns a broken factory into an
// actionable error dialog instead of a crash.
import type { CompanionCore } from '../contract/dispatch';
import * as companionModule from '../core/companion';
import type { CompanionOptions } from '../core/companion';
import { CompanionError } from '../core/errors';

/** The subset of core's CompanionOptions the shell sets. */
export type CoreStartOptions = Pick<CompanionOptions, 'demo' | 'stateRoot' | 'ports' | 'demoRunner'> &
  Required<Pick<CompanionOptions, 'appDir' | 'log'>>;

type CoreFactory = (options: CoreStartOptions) => CompanionCore | Promise<CompanionCore>;

export async function loadCompanionCore(
  options: CoreStartOptions,
  load: () => Promise<unknown> = async () => companionModule,
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
