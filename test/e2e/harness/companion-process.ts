// One real headless companion per spec file: `node build/main/launch.js --demo --no-open` on a
// fresh state root and free ports, with the gateway simulator, browserd and node-host stubs as
// real sidecars. stop() shuts it down the way an operator would (SIGTERM → orderly shutdown) and
// then proves that no sidecar outlived it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchScript, missingBuild } from './build-paths';
import { freePalyraPorts, type PalyraTestPorts } from './free-ports';
import { waitUntil } from './wait-until';

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
  /** The admin token, once the operator accepted the insecure file store. */
  adminToken(): string;
  /** What the companion wrote to stderr (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartCompanionOptions {
  /** Extra environment for the companion and, through it, its sidecars (PALYRA_SIM_* knobs). */
  env?: Record<string, string>;
}

const URL_LINE = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+) in your browser/;

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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startCompanion(options: StartCompanionOptions = {}): Promise<CompanionHandle> {
  const problem = missingBuild();
  if (problem) throw new Error(problem);
  const stateRoot = mkdtempSync(join(tmpdir(), 'companion-e2e-'));
  const ports = await freePalyraPorts();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // No Secret Service here, on purpose: onboarding must offer the insecure-file opt-in.
    DBUS_SESSION_BUS_ADDRESS: undefined,
    // Demo mode raises one approval at start; keep further ones out of the tests' way.
    PALYRA_SIM_DEMO_APPROVAL_INTERVAL_MS: '3600000',
    ...options.env,
  };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn(
    process.execPath,
    [
      launchScript(),
      '--demo',
      '--no-open',
      '--port',
      '0',
      '--state-root',
      stateRoot,
      '--gateway-port',
      String(ports.gatewayHttp),
      '--gateway-grpc-port',
      String(ports.gatewayGrpc),
      '--gateway-quic-port',
      String(ports.gatewayQuic),
      '--browserd-port',
      String(ports.browserdHealth),
      '--browserd-grpc-port',
      String(ports.browserdGrpc),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });

  // Every sidecar pid seen during the run, so a gateway killed and restarted is checked too.
  const seen = new Map<number, string>();
  const remember = (): Record<string, number> => {
    const now = recordedSidecars(stateRoot);
    for (const [service, pid] of Object.entries(now)) seen.set(pid, service);
    return now;
  };
  const watcher = setInterval(remember, 250);

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      clearInterval(watcher);
      remember();
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const done = await Promise.race([
          exited(child).then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
        ]);
        if (!done) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
          await exited(child);
        }
      }
      // The companion stops its sidecars before it exits; give the kernel a moment to reap them.
      const survivors = await waitUntil(
        () => {
          const alive = [...seen].filter(([pid]) => isOurLiveProcess(pid, stateRoot));
          return alive.length === 0 ? [] : null;
        },
        'every sidecar to exit with the companion',
        10_000,
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

  let url: string;
  try {
    const found = await waitUntil(
      () => {
        const link = URL_LINE.exec(stdout)?.[1];
        if (link) return { link };
        return child.exitCode !== null || child.signalCode !== null ? { link: null } : null;
      },
      'the companion to print its launch link',
      30_000,
    );
    if (!found.link) {
      throw new Error(
        `companion exited before serving its UI (${child.exitCode ?? child.signalCode}): ${stderr}`,
      );
    }
    url = found.link;
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  return {
    url,
    stateRoot,
    ports,
    gatewayOrigin: `http://127.0.0.1:${ports.gatewayHttp}`,
    pid: child.pid!,
    sidecarPids: remember,
    adminToken: () => {
      const file = readJson(join(stateRoot, 'companion', 'secrets.insecure.json')) as {
        admin_token?: unknown;
      } | null;
      if (typeof file?.admin_token !== 'string') {
        throw new Error('no admin token yet: accept the insecure file store in onboarding first');
      }
      return file.admin_token;
    },
    log: () => stderr,
    stop,
  };
}
