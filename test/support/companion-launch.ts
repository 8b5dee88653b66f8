// Launches the real product the way an operator runs the demo: `node build/main/launch.js --demo`
// (headless host + core + simulator sidecars) on a caller-owned state root and free ports, and
// waits for the launch link it prints. Shared by the benches and the e2e harness, which layers its
// sidecar bookkeeping on top; plain Node so the benches can run it compiled.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePalyraPorts, type PalyraTestPorts } from './ports';
import { waitFor } from './wait-for';

export interface CompanionLaunchOptions {
  /** Path of the compiled build/main/launch.js to run. */
  launchScript: string;
  /** The state root; the caller made it and removes it. */
  stateRoot: string;
  /** The full environment for the companion (and, through it, its sidecars). */
  env: NodeJS.ProcessEnv;
  /** Own process group, so a hung companion can be killed with everything it started. */
  detached?: boolean;
  /** Palyra's ports; free ones are picked when absent (a relaunch passes the first launch's). */
  ports?: PalyraTestPorts;
  /** False: the real daemons (PALYRA_DESKTOP_*_BIN in `env`) instead of the simulator. */
  demo?: boolean;
}

export interface LaunchedCompanion {
  child: ChildProcess;
  pid: number;
  /** The launch link printed on stdout, access token included. */
  url: string;
  ports: PalyraTestPorts;
  /** http://127.0.0.1:<gateway port>: the simulator's admin/console origin. */
  gatewayOrigin: string;
  /** performance.now() just before the spawn. */
  spawnedAtMs: number;
  /** The last 20,000 characters the companion wrote to stderr (its log). */
  stderr(): string;
  /** SIGTERM (orderly shutdown), then SIGKILL after `graceMs`; resolves once it has exited. */
  terminate(graceMs: number): Promise<void>;
}

/** The headless (demo) launch on `stateRoot` with Palyra's ports moved to `ports`. */
export function demoLaunchArgs(stateRoot: string, ports: PalyraTestPorts, demo = true): string[] {
  return [
    ...(demo ? ['--demo'] : []),
    '--headless',
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
  ];
}

/** Runs the launcher to completion (for launches that must fail); bounded by `timeoutMs`. */
export function runLauncherToExit(
  launchScript: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs?: number; uid?: number; gid?: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const { env, timeoutMs = 30_000, uid, gid } = options;
  const child = spawn(process.execPath, [launchScript, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid !== undefined ? { uid } : {}),
    ...(gid !== undefined ? { gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

const URL_LINE = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+) in your browser/;
const LINK_TIMEOUT_MS = 30_000;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the companion and waits for its launch link; on failure nothing it started is left running. */
export async function launchCompanion(options: CompanionLaunchOptions): Promise<LaunchedCompanion> {
  const ports = options.ports ?? (await freePalyraPorts());
  const detached = options.detached ?? false;
  const spawnedAtMs = performance.now();
  const child = spawn(
    process.execPath,
    [options.launchScript, ...demoLaunchArgs(options.stateRoot, ports, options.demo ?? true)],
    { env: options.env, detached, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });

  const terminate = async (graceMs: number): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([
      exited(child).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs)),
    ]);
    if (done) return;
    try {
      process.kill(detached ? -child.pid : child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await exited(child);
  };

  try {
    const found = await waitFor(
      () => {
        const link = URL_LINE.exec(stdout)?.[1];
        if (link) return { link };
        return child.exitCode !== null || child.signalCode !== null ? { link: null } : null;
      },
      'the companion to print its launch link',
      LINK_TIMEOUT_MS,
      { intervalMs: 100 },
    );
    if (!found.link) {
      throw new Error(
        `companion exited before serving its UI (${child.exitCode ?? child.signalCode}): ${stderr}`,
      );
    }
    return {
      child,
      pid: child.pid!,
      url: found.link,
      ports,
      gatewayOrigin: `http://127.0.0.1:${ports.gatewayHttp}`,
      spawnedAtMs,
      stderr: () => stderr,
      terminate,
    };
  } catch (err) {
    await terminate(LINK_TIMEOUT_MS);
    throw err;
  }
}
