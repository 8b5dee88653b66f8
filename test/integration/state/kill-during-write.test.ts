import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeState } from '../../../main/core/state/state-codec';

const writer = join(__dirname, '..', '..', '..', 'build', 'test', 'fixtures', 'state', 'state-writer.js');

function runUntilWriting(stateRoot: string): Promise<import('node:child_process').ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, stateRoot], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('WRITING')) resolve(child);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${err}`)));
  });
}

function waitExit(child: import('node:child_process').ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('StateStore under kill -9', () => {
  let dir: string | null = null;
  let live: import('node:child_process').ChildProcess | null = null;

  afterEach(async () => {
    if (live && live.exitCode === null && live.signalCode === null) {
      live.kill('SIGKILL');
      await waitExit(live);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('always leaves a file that parses and is one of the written versions (30 kills)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'companion-state-kill-'));
    let previous = 0;
    for (let round = 0; round < 30; round += 1) {
      live = await runUntilWriting(dir);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      live.kill('SIGKILL');
      await waitExit(live);

      const text = readFileSync(join(dir, 'companion', 'state.json'), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      const decoded = decodeState(text);
      expect(decoded.problems).toEqual([]);
      const n = Number(/^session-(\d+)$/.exec(decoded.state.activeSessionId ?? '')?.[1]);
      expect(Number.isInteger(n)).toBe(true);
      // The newest notification belongs to the same version as the session id: no torn write.
      expect(decoded.state.notifications.at(-1)?.id).toBe(`note-${n}`);
      expect(n).toBeGreaterThan(previous);
      previous = n;
      // No corrupt copies were ever needed.
      expect(readdirSync(join(dir, 'companion')).filter((f) => f.includes('corrupt'))).toEqual([]);
    }
  }, 180_000);
});
