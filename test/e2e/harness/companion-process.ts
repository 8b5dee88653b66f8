// One real headless companion per spec file, started by the shared launcher
// (test/support/companion-launch.ts) on a fresh state root, with the gateway simulator, browserd
// and node-host stubs as real sidecars. On top of it: every sidecar pid the supervisor records is
// tracked, and stop() shuts down the way an operator would (SIGTERM → orderly shutdown) and then
// proves that no sidecar outlived it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchCompanion, type LaunchedCompanion } from '../../support/companion-launch';
import { demoAdminToken } from '../../support/demo-admin-token';
import type { PalyraTestPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { launchScript, missingBuild } from './build-paths';

export interface CompanionHandle {
  /** The launch link printed on stdout, access token included. */
  url: string;
  stateRoot: string;
  ports: PalyraTestPorts;
  /** http://127.0.0.1:<gateway port>: the simulator's admin/console origin. */
  gatewayOrigin: string;
  pid: number;
  /** Pid of each sidecar as the supervisor recorded it in sidecars.json right now. */
  sidecarPids(): Record<string, number>;
  /** The demo's in-memory admin token, as handed to the running gateway. */
  adminToken(): string;
  /** What the companion wrote to stderr (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartCompanionOptions {
  /** Extra environment for the companion and, through it, its sidecars (PALYRA_SIM_* knobs). */
  env?: Record<string, string>;
  /** false: no simulator, the real launch path (e.g. to see the app with Palyra not installed). */
  demo?: boolean;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function recordedSidecars(stateRoot: string): Record<string, number> {
  const file = readJson(join(stateRoot, 'companion', 'sidecars.json')) as {
    sidecars?: { service?: unknown; pid?: unknown }[];
  } | null;
  const out: Record<string, number> = {};
  for (const rec of file?.sidecars ?? []) {
    if (typeof rec.service === 'string' && typeof rec.pid === 'number') out[rec.service] = rec.pid;
  }
  return out;
}

/** True while `pid` is a live (non-zombie) process started for this state root. */
function isOurLiveProcess(pid: number, stateRoot: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\)\s+Z\s/.test(stat)) return false;
    // A pid can be reused by anyone on a busy machine: only count it if it runs for our state root.
    return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(stateRoot);
  } catch {
    return false;
  }
}

export async function startCompanion(options: StartCompanionOptions = {}): Promise<CompanionHandle> {
  const problem = missingBuild();
  if (problem) throw new Error(problem);
  const stateRoot = mkdtempSync(join(tmpdir(), 'companion-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Demo mode raises one approval at start; keep further ones out of the tests' way.
    PALYRA_SIM_DEMO_APPROVAL_INTERVAL_MS: '3600000',
    ...options.env,
  };
  // No Secret Service here, on purpose: demo mode must need none.
  delete env.DBUS_SESSION_BUS_ADDRESS;

  // Every sidecar pid seen during the run (from spawn on), so a gateway killed and restarted is
  // checked too.
  const seen = new Map<number, string>();
  const remember = (): Record<string, number> => {
    const now = recordedSidecars(stateRoot);
    for (const [service, pid] of Object.entries(now)) seen.set(pid, service);
    return now;
  };
  const watcher = setInterval(remember, 250);

  let product: LaunchedCompanion | null = null;
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      clearInterval(watcher);
      remember();
      await product?.terminate(30_000);
      // The companion stops its sidecars before it exits; give the kernel a moment to reap them.
      const survivors = await waitFor(
        () => {
          const alive = [...seen].filter(([pid]) => isOurLiveProcess(pid, stateRoot));
          return alive.length === 0 ? [] : null;
        },
        'every sidecar to exit with the companion',
        10_000,
        { intervalMs: 100 },
      ).catch(() => [...seen].filter(([pid]) => isOurLiveProcess(pid, stateRoot)));
      for (const [pid] of survivors) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone meanwhile.
          }
        }
      }
      rmSync(stateRoot, { recursive: true, force: true });
      if (survivors.length > 0) {
        throw new Error(
          `sidecars survived the companion: ${survivors.map(([pid, s]) => `${s} (pid ${pid})`).join(', ')}`,
        );
      }
    })();
    return stopped;
  };

  try {
    // The launcher cleans up its own process when it fails; stop() then sweeps the sidecars.
    product = await launchCompanion({
      launchScript: launchScript(),
      stateRoot,
      env,
      detached: true,
      ...(options.demo === false ? { demo: false } : {}),
    });
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  const running = product;

  return {
    url: running.url,
    stateRoot,
    ports: running.ports,
    gatewayOrigin: running.gatewayOrigin,
    pid: running.pid,
    sidecarPids: remember,
    adminToken: () => demoAdminToken(stateRoot),
    log: running.stderr,
    stop,
  };
}
