import { journalPathFromEnv } from './journal-file';
import type { SimulatorConfig } from './simulator-state';

/** What demo mode's gateway "hears" in any recording (it has no speech model). */
export const DEMO_TRANSCRIPT = 'Summarise the open approvals for me';

export class UsageError extends Error {}
export class StartupError extends Error {}

const FLAGS = ['--bind', '--port', '--grpc-bind', '--grpc-port'] as const;

/**
 * palyrad's precedence: CLI flags beat env vars, env vars beat defaults (bootstrap.rs:49-66).
 * Simulator-only knobs are PALYRA_SIM_*; they shorten timings for tests.
 */
export function loadDaemonConfig(argv: string[], env: NodeJS.ProcessEnv): SimulatorConfig {
  const flags = parseFlags(argv);
  const requireAuth = parseBool(env.PALYRA_ADMIN_REQUIRE_AUTH, true, 'PALYRA_ADMIN_REQUIRE_AUTH');
  const adminToken = env.PALYRA_ADMIN_TOKEN?.trim() ? env.PALYRA_ADMIN_TOKEN.trim() : null;
  if (requireAuth && adminToken === null) {
    throw new StartupError(
      'admin auth is enabled but no admin token is configured; set PALYRA_ADMIN_TOKEN or admin.auth_token',
    );
  }
  const demo = env.PALYRA_SIM_DEMO === '1' || env.PALYRA_SIM_DEMO === 'true';
  const bound = env.PALYRA_ADMIN_BOUND_PRINCIPAL?.trim() ? env.PALYRA_ADMIN_BOUND_PRINCIPAL.trim() : null;
  return {
    bindAddr: flags['--bind'] ?? env.PALYRA_DAEMON_BIND_ADDR ?? '127.0.0.1',
    port: parsePort(flags['--port'] ?? env.PALYRA_DAEMON_PORT, 7142, 'port'),
    grpcBindAddr: flags['--grpc-bind'] ?? env.PALYRA_GATEWAY_GRPC_BIND_ADDR ?? '127.0.0.1',
    grpcPort: parsePort(flags['--grpc-port'] ?? env.PALYRA_GATEWAY_GRPC_PORT, 7443, 'grpc port'),
    requireAuth,
    adminToken,
    boundPrincipal: bound,
    sessionTtlMs: parseMs(env.PALYRA_SIM_SESSION_TTL_MS, 30 * 60_000),
    approvalTimeoutMs: parseMs(env.PALYRA_SIM_APPROVAL_TIMEOUT_MS, 60_000),
    tokenDelayMs: parseMs(env.PALYRA_SIM_TOKEN_DELAY_MS, 20),
    loopbackRateLimit: parseMs(env.PALYRA_SIM_RATE_LIMIT, 120),
    demo,
    audioTranscript: audioTranscript(env.PALYRA_SIM_AUDIO_TRANSCRIPT, demo),
    journalPath: journalPathFromEnv(env),
    version: '0.1.0',
    gitHash: env.PALYRA_GIT_HASH?.trim() || 'unknown',
  };
}

/** `off` models palyrad 1e2f4d1 exactly (audio refused) even in demo mode; text sets the transcript. */
function audioTranscript(raw: string | undefined, demo: boolean): string | null {
  const value = raw?.trim();
  if (value === 'off') return null;
  return value || (demo ? DEMO_TRANSCRIPT : null);
}

function parseFlags(argv: string[]): Partial<Record<(typeof FLAGS)[number], string>> {
  const out: Partial<Record<(typeof FLAGS)[number], string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw new UsageError(`error: unexpected argument '${arg}' found\n\nUsage: palyrad [OPTIONS]`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`error: a value is required for '${name} <VALUE>'`);
    out[name as (typeof FLAGS)[number]] = value;
  }
  return out;
}

function parsePort(raw: string | undefined, fallback: number, what: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new StartupError(`invalid ${what}: ${raw}`);
  return n;
}

function parseBool(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new StartupError(`${name} must be a boolean, got '${raw}'`);
}

function parseMs(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export const PALYRAD_HELP = `Palyra gateway skeleton daemon (companion simulator)

Usage: palyrad [OPTIONS]

Options:
      --bind <BIND>            HTTP admin/console bind address
      --port <PORT>            HTTP admin/console port
      --grpc-bind <GRPC_BIND>  gRPC bind address
      --grpc-port <GRPC_PORT>  gRPC port
  -h, --help                   Print help
`;
