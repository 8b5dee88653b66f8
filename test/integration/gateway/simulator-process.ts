// Spawns the compiled gateway simulator as a real process on OS-assigned ports for one test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { expect } from 'vitest';
import { GatewayClient, GatewayError } from '../../../main/core/gateway';

export const ROOT = join(__dirname, '..', '..', '..');
export const SIMULATOR = join(ROOT, 'build', 'main', 'dev', 'simulator', 'palyrad.js');
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface RunningSimulator {
  baseUrl: string;
  port: number;
  grpcPort: number;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Calls a /__sim/ control endpoint with the admin bearer. */
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  stop: () => Promise<void>;
}

export async function startSimulator(env: Record<string, string> = {}): Promise<RunningSimulator> {
  // The simulator, like palyrad, also binds gRPC port + 1 (node RPC): pick ports with that free too.
  // They lie below the ephemeral range, so a test may stop it and start a gateway on the same port.
  const { gatewayHttp: port, gatewayGrpc: grpcPort } = await freePalyraPorts();
  const dir = mkdtempSync(join(tmpdir(), 'companion-gw-'));
  const child = spawn(
    process.execPath,
    [
      SIMULATOR,
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--grpc-bind',
      '127.0.0.1',
      '--grpc-port',
      String(grpcPort),
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
        PALYRA_ADMIN_BOUND_PRINCIPAL: 'admin:desktop-control-center',
        PALYRA_STATE_ROOT: dir,
        PALYRA_SIM_TOKEN_DELAY_MS: '5',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () => out.includes('"daemon listening"') || child.exitCode !== null,
      'daemon listening',
      30_000,
    );
    if (child.exitCode !== null) throw new Error(`simulator exited ${child.exitCode}: ${err}`);
  } catch (e) {
    await stop();
    throw e;
  }
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  return { baseUrl, port, grpcPort, child, stdout: () => out, stderr: () => err, control, stop };
}

/** A client signed in with the simulator's admin token. */
export function clientFor(
  s: RunningSimulator,
  overrides: Partial<ConstructorParameters<typeof GatewayClient>[0]> = {},
): GatewayClient {
  return new GatewayClient({ baseUrl: s.baseUrl, getAdminToken: async () => ADMIN_TOKEN, ...overrides });
}

/** The GatewayError a call must fail with. */
export async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}
