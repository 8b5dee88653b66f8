// Quitting stops every sidecar first: the first quit attempt is held back until core.shutdown()
// settles (or a timeout passes), then the app exits for real.
import type { QuitPort } from './electron-ports';

export const SHUTDOWN_TIMEOUT_MS = 15_000;

export interface QuitCoordinatorOptions {
  app: QuitPort;
  /** Stops sidecars and releases everything (core.shutdown plus the shell's own teardown). */
  shutdown(): Promise<void>;
  timeoutMs?: number;
  log(message: string): void;
}

export class QuitCoordinator {
  private readonly options: QuitCoordinatorOptions;
  private stopping: Promise<void> | null = null;

  constructor(options: QuitCoordinatorOptions) {
    this.options = options;
    // A tray app outlives its window: without a listener here, Electron quits when the popover is
    // closed (Alt+F4, Cmd+W), and quitting stops every sidecar. menubar adds no such listener.
    options.app.on('window-all-closed', () => undefined);
    options.app.on('before-quit', (event) => {
      // Once shutdown has finished, app.exit() does not emit before-quit again; any other quit
      // attempt while it runs is simply held back too.
      event.preventDefault();
      void this.stop();
    });
  }

  /**
   * A logout, `kill` or a closed terminal (SIGHUP) ends the app the same orderly way as the tray's
   * Quit: without the SIGHUP handler, Node's default would kill us and orphan the sidecars.
   */
  quitOnSignals(target: {
    once(signal: 'SIGTERM' | 'SIGINT' | 'SIGHUP', listener: () => void): unknown;
  }): void {
    target.once('SIGTERM', () => this.quit());
    target.once('SIGINT', () => this.quit());
    target.once('SIGHUP', () => this.quit());
  }

  /** Tray "Quit" and every other way out go through here. */
  quit(): void {
    this.options.app.quit();
  }

  /** Resolves after the app was told to exit. */
  stop(): Promise<void> {
    this.stopping ??= this.runShutdown();
    return this.stopping;
  }

  private async runShutdown(): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let exitCode = 0;
    try {
      const outcome = await Promise.race([this.options.shutdown().then(() => 'done' as const), timedOut]);
      if (outcome === 'timeout') {
        this.options.log(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
        exitCode = 1;
      }
    } catch (err) {
      this.options.log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
      exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
    this.options.app.exit(exitCode);
  }
}
