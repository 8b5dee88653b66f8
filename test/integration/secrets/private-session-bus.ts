// A throwaway D-Bus session bus (no service activation, so nothing starts behind our back) and,
// on demand, a real gnome-keyring-daemon unlocked on it. Everything is killed by stop().
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export class PrivateSessionBus {
  address = '';
  readonly home: string;
  private readonly children: ChildProcess[] = [];

  constructor(private readonly dir: string) {
    this.home = join(dir, 'home');
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: this.home,
      XDG_RUNTIME_DIR: join(this.dir, 'run'),
      XDG_DATA_HOME: join(this.home, '.local', 'share'),
      DBUS_SESSION_BUS_ADDRESS: this.address,
    };
  }

  async start(): Promise<void> {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    mkdirSync(join(this.dir, 'run'), { recursive: true, mode: 0o700 });
    const config = join(this.dir, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(this.dir, 'bus.sock')}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(bus);
    this.address = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      bus.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) resolve(line.trim());
      });
      bus.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      bus.once('error', reject);
      bus.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}): ${err}`)));
    });
  }

  private hasOwner(name: string): Promise<boolean> {
    return new Promise((resolve) => {
      execFile(
        'dbus-send',
        [
          `--bus=${this.address}`,
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          `string:${name}`,
        ],
        (error, stdout) => resolve(!error && /boolean true/.test(stdout)),
      );
    });
  }

  /** Starts gnome-keyring-daemon with its secrets component and unlocks a fresh login keyring. */
  async startKeyring(): Promise<void> {
    const keyring = spawn(
      'gnome-keyring-daemon',
      [
        '--foreground',
        '--unlock',
        '--components=secrets',
        `--control-directory=${join(this.dir, 'run', 'keyring')}`,
      ],
      { env: this.env(), stdio: ['pipe', 'ignore', 'pipe'] },
    );
    // Fails the test (not a skip) when gnome-keyring is not installed.
    const spawnError = new Promise<never>((_, reject) => keyring.once('error', reject));
    this.children.push(keyring);
    keyring.stdin!.end('companion-test-password');
    await Promise.race([
      waitFor(() => this.hasOwner('org.freedesktop.secrets'), 'gnome-keyring on the bus'),
      spawnError,
    ]);
  }

  async stop(): Promise<void> {
    for (const child of this.children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([waitExit(child), new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await waitExit(child);
      }
    }
  }
}
