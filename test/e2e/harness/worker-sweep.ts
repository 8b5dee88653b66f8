// Per-spec isolation for the e2e launcher: every spec file (one wdio worker) gets its own Chromium
// profile, and a marker in the worker's environment that chromedriver, Chromium, the companion
// and its sidecars all inherit. When the worker ends, for whatever reason (a timed-out spec, a
// crashed worker), everything still carrying its marker is killed and the profile removed, so a
// hung spec cannot hold the next one's profile or leave chromedrivers behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning } from '../../chaos/chaos-harness';

const MARKER_VAR = 'COMPANION_E2E_WORKER_MARKER';
const profiles = new Map<string, string>();

interface ChromeCaps {
  'goog:chromeOptions'?: { args?: string[] };
}

/** onWorkerStart: a fresh profile in this worker's capabilities, and its marker in the environment. */
export function isolateWorker(cid: string, caps: unknown): void {
  const profile = mkdtempSync(join(tmpdir(), `companion-e2e-chromium-${cid}-`));
  profiles.set(cid, profile);
  const options = (caps as ChromeCaps)['goog:chromeOptions'];
  if (options) {
    options.args = [
      ...(options.args ?? []).filter((a) => !a.startsWith('--user-data-dir=')),
      `--user-data-dir=${profile}`,
    ];
  }
  // The launcher forks the worker right after this hook, with process.env as it is now.
  process.env[MARKER_VAR] = profile;
}

/** onWorkerEnd: kill what the worker left (by marker), then remove its profile. */
export function sweepWorker(cid: string): string[] {
  const profile = profiles.get(cid);
  if (!profile) return [];
  profiles.delete(cid);
  const left = processesMentioning(`${MARKER_VAR}=${profile}`);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  rmSync(profile, { recursive: true, force: true });
  return left.map(String);
}
