// Runs the real product for the benches through the shared launcher (test/support), with the insecure token file pre-accepted so the sidecars
// start at once (benches run without a Secret Service).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallName, CallParams, CallReply, CallResult, CompanionSnapshot } from '../main/contract';
import { demoAdminToken } from '../test/support/demo-admin-token';
import { launchCompanion as launchProduct, type LaunchedCompanion } from '../test/support/companion-launch';

const LAUNCH = join(__dirname, '..', 'main', 'launch.js');

export interface RunningCompanion {
  /** The companion's own process (its sidecars are its children). */
  pid: number;
  url: string;
  origin: string;
  token: string;
  stateRoot: string;
  gatewayOrigin: string;
  /** Milliseconds from spawn to the host printing its URL. */
  spawnedAtMs: number;
  call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>>;
  snapshot(): Promise<CompanionSnapshot>;
  simulator(path: string, body?: unknown): Promise<unknown>;
  /** The gateway admin token the companion generated (benches talk to the gateway directly with it). */
  adminToken(): string;
  stop(): Promise<void>;
}

/** Extra sidecars to declare in <state root>/companion/extra-sidecars.json, as an operator would. */
export interface LaunchExtras {
  extraSidecars?: unknown[];
}

export async function launchCompanion(extras: LaunchExtras = {}): Promise<RunningCompanion> {
  const stateRoot = mkdtempSync(join(tmpdir(), 'companion-bench-'));
  mkdirSync(join(stateRoot, 'companion'), { recursive: true });
  if (extras.extraSidecars) {
    writeFileSync(
      join(stateRoot, 'companion', 'extra-sidecars.json'),
      JSON.stringify({ sidecars: extras.extraSidecars }),
    );
  }
  writeFileSync(
    join(stateRoot, 'companion', 'state.json'),
    JSON.stringify({ schema_version: 1, insecureSecretStoreAccepted: true }),
  );
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  let product: LaunchedCompanion;
  try {
    product = await launchProduct({ launchScript: LAUNCH, stateRoot, env });
  } catch (err) {
    rmSync(stateRoot, { recursive: true, force: true });
    throw err;
  }
  const { url, gatewayOrigin, spawnedAtMs } = product;
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;

  const call = async <K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>> => {
    const res = await fetch(`${origin}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, params }),
    });
    const reply = (await res.json()) as CallReply<CallResult<K>>;
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
    return reply.value;
  };

  const simulator = async (path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${gatewayOrigin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${demoAdminToken(stateRoot)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };

  const stop = async (): Promise<void> => {
    await product.terminate(15_000);
    rmSync(stateRoot, { recursive: true, force: true });
  };

  return {
    pid: product.pid,
    url,
    origin,
    token,
    stateRoot,
    gatewayOrigin,
    spawnedAtMs,
    call,
    snapshot: () => call('snapshot.get', {}),
    simulator,
    adminToken: () => demoAdminToken(stateRoot),
    stop,
  };
}

export { allHealthy } from '../test/support/all-healthy';
