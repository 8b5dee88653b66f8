// Runs the host as the process's main job (launch.ts without Electron): prints where to open the
// UI, optionally opens the browser, and on SIGINT/SIGTERM/SIGHUP closes every socket, shuts core down
// (which stops the sidecars) and exits 0. A second signal while shutting down exits at once.
import type { CompanionCore } from '../contract/dispatch';
import { openInBrowser } from './browser-opener';
import type { HostLog } from './host-log';
import { startHost, type RunningHost } from './host-server';

/** SIGHUP too: closing the terminal must stop the sidecars as Ctrl-C does, not orphan them. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface HeadlessRunOptions {
  core: CompanionCore;
  uiDir: string;
  port: number;
  open: boolean;
  log: HostLog;
  /** Where the "Open … in your browser" line goes (stdout by default). */
  print?: (line: string) => void;
  /** How long core.shutdown may take before the process exits anyway. */
  shutdownTimeoutMs?: number;
}

export async function runHeadless(options: HeadlessRunOptions): Promise<RunningHost> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const host = await startHost({
    core: options.core,
    uiDir: options.uiDir,
    port: options.port,
    log: options.log,
  });
  print(`Open ${host.url} in your browser`);
  if (options.open) openInBrowser(host.url, options.log);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      options.log('warn', `${signal} again: exiting without waiting for the sidecars`);
      process.exit(1);
    }
    stopping = true;
    options.log('info', `${signal}: shutting down`);
    const deadline = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs ?? 20_000).unref(),
    );
    try {
      await host.close();
      const outcome = await Promise.race([options.core.shutdown().then(() => 'done' as const), deadline]);
      if (outcome === 'timeout') {
        options.log('error', 'core did not finish shutting down in time; exiting anyway');
        process.exit(1);
      }
      process.exit(0);
    } catch (err) {
      options.log('error', `shutdown failed: ${String(err)}`);
      process.exit(1);
    }
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, (s) => void stop(s));
  return host;
}
