// launch.ts's argument handling and the headless run's signal handling, as real processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hasDesktop, openerCommand } from '../../../main/host/browser-opener';
import { parseLaunchArgs } from '../../../main/host/launch-options';
import { waitFor } from './host-harness';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCH = join(ROOT, 'build', 'main', 'launch.js');
const FAKE_CORE = join(ROOT, 'build', 'test', 'fixtures', 'fake-core.js');

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(script: string, args: string[]): Run {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('launch arguments', () => {
  it('parses every option, in both --flag value and --flag=value forms', () => {
    expect(parseLaunchArgs([])).toEqual({
      demo: false,
      open: true,
      port: 0,
      stateRoot: null,
      headless: false,
      ports: {},
      help: false,
    });
    expect(
      parseLaunchArgs(['--demo', '--no-open', '--port', '8123', '--state-root', '/tmp/s', '--headless']),
    ).toEqual({
      demo: true,
      open: false,
      port: 8123,
      stateRoot: '/tmp/s',
      headless: true,
      ports: {},
      help: false,
    });
    expect(parseLaunchArgs(['--port=0', '--state-root=/x y'])).toMatchObject({ port: 0, stateRoot: '/x y' });
    expect(
      parseLaunchArgs([
        '--gateway-port',
        '17142',
        '--gateway-grpc-port=17443',
        '--gateway-quic-port',
        '17444',
        '--browserd-port',
        '17143',
        '--browserd-grpc-port',
        '17543',
      ]).ports,
    ).toEqual({
      gatewayHttp: 17142,
      gatewayGrpc: 17443,
      gatewayQuic: 17444,
      browserdHealth: 17143,
      browserdGrpc: 17543,
    });
    expect(parseLaunchArgs(['-h']).help).toBe(true);
  });

  it('rejects bad arguments with an actionable error', () => {
    for (const argv of [
      ['--bogus'],
      ['--port'],
      ['--port', '70000'],
      ['--port', '-1'],
      ['--port', 'x'],
      ['--gateway-port', '0'],
      ['--browserd-port', '99999'],
      ['--state-root'],
      ['--demo=yes'],
    ]) {
      expect(() => parseLaunchArgs(argv), argv.join(' ')).toThrow(
        expect.objectContaining({ code: 'invalid_arguments', hint: expect.stringContaining('--help') }),
      );
    }
  });

  it('knows when there is a desktop to open a browser on, and how', () => {
    expect(hasDesktop({}, 'linux')).toBe(false);
    expect(hasDesktop({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDesktop({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDesktop({}, 'darwin')).toBe(true);
    expect(hasDesktop({}, 'win32')).toBe(true);
    expect(openerCommand('http://127.0.0.1:1/?token=t', 'linux')).toEqual({
      command: 'xdg-open',
      args: ['http://127.0.0.1:1/?token=t'],
    });
    expect(openerCommand('http://127.0.0.1:1/?token=t', 'darwin').command).toBe('open');
    expect(openerCommand('http://127.0.0.1:1/?token=t', 'win32').args).toContain('start');
  });

  it('prints usage for --help and exits 2 with a hint for a bad option', async () => {
    const help = run(LAUNCH, ['--help']);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout()).toContain('--no-open');
    const bad = run(LAUNCH, ['--bogus']);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr()).toContain('Unknown option "--bogus"');
    expect(bad.stderr()).toContain('hint: Run with --help');
  });
});

describe('headless run', () => {
  it('prints the address, serves it, and on SIGTERM closes sockets, shuts core down and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'companion-launch-'));
    dirs.push(dir);
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
    const marker = join(dir, 'shutdown.marker');
    const proc = run(FAKE_CORE, ['--ui-dir', dir, '--marker', marker]);
    await waitFor(
      () => /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}) in your browser/.test(proc.stdout()),
      'the address line',
      30_000,
    );
    const url = new URL(/Open (\S+) in your browser/.exec(proc.stdout())![1]!);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>ui</title>');

    const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
    const frames: string[] = [];
    let closeCode: number | null = null;
    socket.on('message', (data) => frames.push(String(data)));
    socket.on('close', (code) => (closeCode = code));
    socket.on('error', () => undefined);
    await waitFor(() => frames.length > 0, 'the snapshot');
    expect(JSON.parse(frames[0]!)).toMatchObject({ type: 'event', event: 'snapshot' });

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(marker)).toBe(true);
    await waitFor(() => closeCode !== null, 'the socket to close');
    expect(closeCode).toBe(1001);
    await expect(fetch(url)).rejects.toThrow();
  });
});
