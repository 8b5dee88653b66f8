// Where the compiled product lives. COMPANION_E2E_BUILD_DIR lets a run use a private build, so
// another engineer rebuilding build/ mid-run cannot pull files out from under the suite.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export function buildDir(): string {
  return resolve(process.env.COMPANION_E2E_BUILD_DIR ?? join(REPO_ROOT, 'build'));
}

export function launchScript(): string {
  return join(buildDir(), 'main', 'launch.js');
}

/** Why the build cannot run the suite, or null when it can. */
export function missingBuild(): string | null {
  const needed = [launchScript(), join(buildDir(), 'tray-ui', 'index.html')];
  const missing = needed.filter((path) => !existsSync(path));
  if (missing.length === 0) return null;
  return (
    `The e2e suite runs the built companion, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. ` +
    'Build first: npx tsc -p tsconfig.build.json && npx vite build --config tray-ui/vite.config.mts'
  );
}

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
