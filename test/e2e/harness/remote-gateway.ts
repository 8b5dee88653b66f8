// A second gateway simulator standing for a Palyra gateway on another machine (reached, say,
// through an SSH tunnel): the target of a remote connection profile. Its own ports, state
// directory and admin token; stopped by the spec, never by the companion.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePalyraPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';
import { buildDir } from './build-paths';

export interface RemoteGateway {
  url: string;
  adminToken: string;
  pid: number;
  alive(): boolean;
  stop(): Promise<void>;
}

export async function startRemoteGateway(): Promise<RemoteGateway> {
  const ports = await freePalyraPorts();
  const dir = mkdtempSync(join(tmpdir(), 'companion-e2e-remote-'));
  const adminToken = `remote-${Date.now().toString(36)}-admin-token`;
  const script = join(buildDir(), 'main', 'dev', 'simulator', 'palyrad.js');
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(ports.gatewayHttp),
    '--grpc-port',
    String(ports.gatewayGrpc),
  ];
  const child = spawn(process.execPath, [script, ...args], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      PALYRA_STATE_ROOT: dir,
      PALYRA_ADMIN_TOKEN: adminToken,
      PALYRA_ADMIN_BOUND_PRINCIPAL: 'admin:desktop-control-center',
    },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${ports.gatewayHttp}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (alive()) {
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, 'the remote gateway', 30_000, {
      retryOnError: true,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, adminToken, pid: child.pid ?? -1, alive, stop };
}
