// A private D-Bus session bus and the recording notification server, as real processes, for one
// test: started in a fresh temp dir and stopped (by pid) afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { View } from '../../../main/contract/model';
import { DbusNotifier } from '../../../main/shell/notifications/dbus-notifier';
import {
  NotificationPresenter,
  type NotificationPresenterOptions,
} from '../../../main/shell/notifications/notification-presenter';
import { FakeNotifications } from '../../unit/shell/electron-fakes';

const root = join(__dirname, '..', '..', '..');
const NOTIFYD = join(root, 'build', 'test', 'fixtures', 'notifyd', 'notifyd.js');

export interface NotifydEvent {
  type: 'ready' | 'notify' | 'close';
  id?: number;
  appName?: string;
  replacesId?: number;
  summary?: string;
  body?: string;
  actions?: string[];
  hints?: Record<string, unknown>;
  timeout?: number;
}

export class PrivateBus {
  /** A fixed socket path, so a restarted bus answers at the same address (as a session's does). */
  readonly address: string;
  private readonly dir: string;
  private daemon: ChildProcess;

  private constructor(dir: string, daemon: ChildProcess) {
    this.dir = dir;
    this.daemon = daemon;
    this.address = `unix:path=${join(dir, 'bus')}`;
  }

  static async start(): Promise<PrivateBus> {
    const dir = mkdtempSync(join(tmpdir(), 'companion-dbus-'));
    return new PrivateBus(dir, await PrivateBus.spawnDaemon(dir));
  }

  private static async spawnDaemon(dir: string): Promise<ChildProcess> {
    rmSync(join(dir, 'bus'), { force: true });
    const daemon = spawn(
      'dbus-daemon',
      ['--session', '--nofork', '--print-address=1', `--address=unix:path=${join(dir, 'bus')}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await firstLine(daemon, 15_000, 'dbus-daemon did not print its address');
    return daemon;
  }

  /** Kills the bus daemon (every connection drops) and starts a new one at the same address. */
  async restart(): Promise<void> {
    await stopProcess(this.daemon);
    this.daemon = await PrivateBus.spawnDaemon(this.dir);
  }

  async stop(): Promise<void> {
    await stopProcess(this.daemon);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class Notifyd {
  readonly events: NotifydEvent[] = [];
  private readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as NotifydEvent);
      } catch {
        // not one of ours (e.g. a library warning); ignore it
      }
    });
  }

  static async start(bus: PrivateBus, capabilities = 'actions,body'): Promise<Notifyd> {
    const child = spawn(process.execPath, [NOTIFYD], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address, NOTIFYD_CAPABILITIES: capabilities },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server = new Notifyd(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitUntil(
      () => server.events.some((e) => e.type === 'ready'),
      15_000,
      () => `notifyd did not start: ${stderr}`,
    );
    return server;
  }

  notifications(): NotifydEvent[] {
    return this.events.filter((e) => e.type === 'notify');
  }

  /** The user presses a button (or the body: `default`) on notification `id`. */
  invoke(id: number, actionKey: string): void {
    this.child.stdin!.write(`invoke ${id} ${actionKey}\n`);
  }

  async stop(): Promise<void> {
    this.child.stdin!.end();
    await stopProcess(this.child);
  }
}

export async function waitUntil(
  check: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function firstLine(child: ChildProcess, timeoutMs: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => reject(new Error(`${message}: ${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${message} (exit ${code}): ${stderr}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The shell's Linux notification path, talking D-Bus to `bus`; Electron toasts are faked. */
export function linuxPresenter(
  bus: PrivateBus,
  core: NotificationPresenterOptions['core'],
  options: {
    electron?: FakeNotifications;
    openView?: (view: View) => void;
    log?: (line: string) => void;
  } = {},
): NotificationPresenter {
  return new NotificationPresenter({
    platform: 'linux',
    core,
    electron: options.electron ?? new FakeNotifications(),
    connectDbus: (onAction, onLost) =>
      DbusNotifier.connect({
        appName: 'Palyra Companion',
        env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
        onAction,
        onLost,
      }),
    openView: options.openView ?? (() => undefined),
    log: options.log ?? (() => undefined),
  });
}
