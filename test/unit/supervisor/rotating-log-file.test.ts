import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingLogFile } from '../../../main/core/logs/rotating-log-file';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RotatingLogFile', () => {
  it('keeps every file within maxBytes and at most maxFiles generations, newest in <name>.log', () => {
    dir = mkdtempSync(join(tmpdir(), 'rotlog-'));
    const f = new RotatingLogFile({ dir, name: 'gateway', maxBytes: 100, maxFiles: 3 });
    // One flush with far more than the cap must still rotate.
    for (let i = 0; i < 50; i++) f.write(`line ${String(i).padStart(3, '0')}`);
    f.close();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['gateway.log', 'gateway.log.1', 'gateway.log.2']);
    for (const name of files) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(100);
    expect(readFileSync(join(dir, 'gateway.log'), 'utf8').trim().split('\n').at(-1)).toBe('line 049');
    expect(f.lastError).toBeNull();
  });
});
