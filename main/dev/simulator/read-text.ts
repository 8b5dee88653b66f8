import { readFileSync } from 'node:fs';

/** A state file's text, or null when there is none yet (a fresh gateway); other errors are thrown. */
export function readTextIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
