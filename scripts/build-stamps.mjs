// When a part of the build is stale: any of its inputs is newer than the stamp its last
// successful build left (or the stamp or its output is missing). Used by ensure-build.mjs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest mtime under `path` (files only), skipping dependencies, build output and dot-folders. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why `part` needs building (a short reason), or null when its build is current. */
export function staleReason(root, part, stampPath) {
  if (!existsSync(join(root, part.output)) || !existsSync(stampPath)) return 'no previous build';
  const stamp = statSync(stampPath).mtimeMs;
  for (const input of part.inputs) {
    if (newestMtime(join(root, input)) > stamp) return `${input} changed`;
  }
  return null;
}
