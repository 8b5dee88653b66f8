import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Integration tests spawn compiled sidecars (test/fixtures, the simulator) as real processes, so
// the TypeScript build must be current. `npm test` has just built, and says so with
// COMPANION_SKIP_BUILD=1; `vitest` run on its own builds here.
export default function setup(): void {
  if (process.env.COMPANION_SKIP_BUILD === '1') return;
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
