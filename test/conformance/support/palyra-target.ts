// One conformance target: the real product (core + headless host, launched like `npm start`) with
// either the gateway simulator (`--demo`) or the real Palyra daemons named by Palyra's own
// override variables as its sidecars. Tests talk to the product through the host's /api/call and
// to the gateway directly (console login with the admin token the product generated) to check
// what the daemon itself recorded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallName, CallParams, CallReply, CallResult, CompanionSnapshot } from '../../../main/contract';
import { launchCompanion, type LaunchedCompanion } from '../../support/companion-launch';
import { demoAdminToken } from '../../support/demo-admin-token';
import type { PalyraTestPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

const LAUNCH = join(__dirname, '..', '..', '..', 'build', 'main', 'launch.js');
const BIN_VARS = ['PALYRA_DESKTOP_PALYRAD_BIN', 'PALYRA_DESKTOP_BROWSERD_BIN', 'PALYRA_DESKTOP_PALYRA_BIN'];
/** The console identity the checks log in with (a canonical ULID, as palyrad requires). */
const CHECK_DEVICE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAW';

export type TargetKind = 'simulator' | 'real';

/** Why the real target cannot run here, or null when all three binaries are named. */
export function realTargetSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const missing = BIN_VARS.filter((name) => !env[name]?.trim());
  return missing.length === 0 ? null : `real Palyra daemons not configured: set ${missing.join(', ')}`;
}

export interface ConsoleReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface RunningTarget {
  kind: TargetKind;
  product: LaunchedCompanion;
  stateRoot: string;
  gatewayOrigin: string;
  call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>>;
  /** The call's error message when it fails, null when it succeeds. */
  callError<K extends CallName>(name: K, params: CallParams<K>): Promise<string | null>;
  snapshot(): Promise<CompanionSnapshot>;
  adminToken(): string;
  /** A console client of the test's own (cookie + CSRF), logged in with the product's admin token. */
  console(): Promise<ConsoleClient>;
  /** Orderly shutdown (SIGTERM); the state root is removed unless `keepState`. */
  stop(opts?: { keepState?: boolean }): Promise<void>;
}

export class ConsoleClient {
  cookie = '';
  csrf = '';

  constructor(
    readonly origin: string,
    private readonly adminToken: string,
  ) {}

  async login(): Promise<ConsoleReply> {
    this.cookie = '';
    this.csrf = '';
    const reply = await this.request('POST', '/console/v1/auth/login', {
      admin_token: this.adminToken,
      principal: 'admin:desktop-control-center',
      device_id: CHECK_DEVICE_ID,
      channel: null,
    });
    if (reply.status === 200) this.csrf = String(reply.body.csrf_token);
    return reply;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean; signal?: AbortSignal } = {},
  ): Promise<ConsoleReply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrf && opts.csrf !== false) headers['x-palyra-csrf-token'] = this.csrf;
    const res = await fetch(`${this.origin}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: opts.signal,
    });
    for (const cookie of res.headers.getSetCookie()) {
      if (cookie.startsWith('palyra_console_session=')) this.cookie = cookie.split(';')[0]!;
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
}

/**
 * Launches the product against the target. The real daemons need Palyra's run loop (off by
 * default) for console chat; `extraEnv` adds the model provider settings of a test.
 */
export async function startTarget(
  kind: TargetKind,
  extraEnv: NodeJS.ProcessEnv = {},
  existingStateRoot?: string,
  ports?: PalyraTestPorts,
): Promise<RunningTarget> {
  const stateRoot = existingStateRoot ?? mkdtempSync(join(tmpdir(), `conformance-${kind}-`));
  mkdirSync(join(stateRoot, 'companion'), { recursive: true });
  // Tests run without a Secret Service: accept the owner-only token file up front.
  if (!existingStateRoot) {
    writeFileSync(
      join(stateRoot, 'companion', 'state.json'),
      JSON.stringify({ schema_version: 1, insecureSecretStoreAccepted: true }),
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  if (kind === 'simulator') for (const name of BIN_VARS) delete env[name];
  else env.PALYRA_ORCHESTRATOR_RUNLOOP_V1_ENABLED ??= 'true';
  let product: LaunchedCompanion;
  try {
    product = await launchCompanion({
      launchScript: LAUNCH,
      stateRoot,
      env,
      demo: kind === 'simulator',
      ...(ports ? { ports } : {}),
    });
  } catch (err) {
    rmSync(stateRoot, { recursive: true, force: true });
    throw err;
  }
  const link = new URL(product.url);
  const token = link.searchParams.get('token') ?? '';
  const rawCall = async <K extends CallName>(
    name: K,
    params: CallParams<K>,
  ): Promise<CallReply<CallResult<K>>> => {
    const res = await fetch(`${link.origin}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, params }),
    });
    return (await res.json()) as CallReply<CallResult<K>>;
  };
  // Read from the running gateway's environment: demo keeps its tokens in memory only.
  const adminToken = (): string => demoAdminToken(stateRoot);
  const target: RunningTarget = {
    kind,
    product,
    stateRoot,
    gatewayOrigin: product.gatewayOrigin,
    call: async (name, params) => {
      const reply = await rawCall(name, params);
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      return reply.value;
    },
    callError: async (name, params) => {
      const reply = await rawCall(name, params);
      return reply.ok ? null : reply.error.message;
    },
    snapshot: () => target.call('snapshot.get', {}),
    adminToken,
    console: async () => {
      const client = new ConsoleClient(product.gatewayOrigin, adminToken());
      const reply = await client.login();
      if (reply.status !== 200)
        throw new Error(`console login: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
      return client;
    },
    stop: async (opts = {}) => {
      await product.terminate(30_000);
      if (!opts.keepState) rmSync(stateRoot, { recursive: true, force: true });
    },
  };
  return target;
}

/** Waits until the product reports gateway and browserd healthy and connected. */
export async function waitHealthy(target: RunningTarget, timeoutMs = 90_000): Promise<CompanionSnapshot> {
  return waitFor(
    async () => {
      const snap = await target.snapshot();
      const healthy = (name: string): boolean => {
        const service = snap.services.find((s) => s.name === name);
        return service?.state === 'running' && service.health === 'healthy';
      };
      return healthy('gateway') && healthy('browserd') && snap.connection.state === 'connected' ? snap : null;
    },
    'gateway and browserd healthy, console connected',
    timeoutMs,
    { intervalMs: 250 },
  );
}

/** Palyra needs a default agent before console chat works; the simulator accepts the same call. */
export async function ensureDefaultAgent(client: ConsoleClient): Promise<void> {
  const list = await client.request('GET', '/console/v1/agents');
  if (list.status === 200 && typeof list.body.default_agent_id === 'string') return;
  const created = await client.request('POST', '/console/v1/agents', {
    agent_id: 'main',
    display_name: 'Main',
    set_default: true,
  });
  if (created.status !== 200)
    throw new Error(`create agent: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

/** The two targets every conformance file runs: the simulator always, the real daemons when set. */
export function conformanceTargets(): { kind: TargetKind; title: string; skip: boolean }[] {
  const skipReal = realTargetSkipReason();
  return [
    { kind: 'simulator', title: 'simulator', skip: false },
    {
      kind: 'real',
      title: skipReal ? `real palyrad (skipped: ${skipReal})` : 'real palyrad',
      skip: skipReal !== null,
    },
  ];
}
