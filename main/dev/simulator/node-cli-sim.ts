// The simulated `palyra node status|install|uninstall|run` (crates/palyra-cli/src/commands/node.rs):
// the same files under $PALYRA_STATE_ROOT/node-host/, the same JSON payloads, and the same
// failure when `run` has no pairing material. Pairing talks to the simulator's node RPC stand-in.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UlidFactory } from './ulid';

export interface NodeRunConfig {
  deviceId: string;
  grpcUrl: string;
  pollIntervalMs: number;
}

interface NodeHostConfig {
  schema_version: 1;
  grpc_url: string;
  device_id: string;
  poll_interval_ms: number;
  identity_store_dir: string;
  installed_at_unix_ms: number;
  paired_at_unix_ms: number | null;
}

interface Material {
  certificate: string;
  cert_expires_at_unix_ms: number;
}

class CliError extends Error {}
/** What palyra reports as `error[validation_error]` (exit 2), e.g. `node run` with no pairing. */
class ValidationError extends CliError {}

const stateDir = () => join(process.env.PALYRA_STATE_ROOT ?? process.cwd(), 'node-host');
const configPath = () => join(stateDir(), 'node-host.json');
const materialPath = (c: NodeHostConfig) =>
  join(c.identity_store_dir, `${c.device_id}.node-mtls-client.json`);

function readJsonFile<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function lifecycle(action: string, detail: string) {
  const config = readJsonFile<NodeHostConfig>(configPath());
  const material = config ? readJsonFile<Material>(materialPath(config)) : null;
  return {
    action,
    installed: config !== null,
    paired: material !== null,
    running: false,
    device_id: config?.device_id ?? null,
    grpc_url: config?.grpc_url ?? null,
    identity_store_dir: config?.identity_store_dir ?? null,
    cert_expires_at_unix_ms: material?.cert_expires_at_unix_ms ?? null,
    pid: null,
    stdout_log_path: null,
    stderr_log_path: null,
    detail,
  };
}

/** The node RPC stand-in speaks plain HTTP on the same host and port as the https URL. */
function rpcBase(grpcUrl: string): string {
  const u = new URL(grpcUrl);
  return `http://${u.host}`;
}

async function rpc(base: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  }).catch((err: unknown) => {
    throw new CliError(`failed to connect node gRPC endpoint: ${String(err)}`);
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new CliError(String(json.message ?? `node RPC answered ${res.status}`));
  return json;
}

async function pair(config: NodeHostConfig, args: string[]): Promise<void> {
  if (readJsonFile<Material>(materialPath(config))) return;
  if (!flag(args, '--method'))
    throw new ValidationError(
      'node pairing bootstrap requires --method when local pairing material is absent',
    );
  const code = flag(args, '--pairing-code')?.trim();
  if (!code)
    throw new ValidationError(
      'node pairing bootstrap requires --pairing-code when local pairing material is absent',
    );
  if (!process.env.PALYRA_GATEWAY_IDENTITY_STORE_DIR?.trim() && !flag(args, '--gateway-ca-file'))
    throw new ValidationError(
      'node pairing bootstrap requires --gateway-ca-file or PALYRA_GATEWAY_IDENTITY_STORE_DIR with gateway trust material',
    );
  const base = rpcBase(config.grpc_url);
  const begun = await rpc(base, '/node/v1/pairing', {
    code,
    device_id: config.device_id,
    client_kind: 'node',
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await rpc(base, `/node/v1/pairing/${String(begun.request_id)}`);
    if (status.state === 'approved' && typeof status.certificate === 'string') {
      mkdirSync(config.identity_store_dir, { recursive: true, mode: 0o700 });
      const material: Material = {
        certificate: status.certificate,
        cert_expires_at_unix_ms: Number(status.cert_expires_at_unix_ms),
      };
      writeFileSync(materialPath(config), JSON.stringify(material), { mode: 0o600 });
      config.paired_at_unix_ms = Date.now();
      return;
    }
    if (status.state !== 'pending_approval')
      throw new CliError(`node pairing request was ${String(status.state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CliError('timed out waiting for node pairing approval');
}

function resolveConfig(args: string[]): NodeHostConfig {
  const existing = readJsonFile<NodeHostConfig>(configPath());
  const config: NodeHostConfig = existing ?? {
    schema_version: 1,
    grpc_url: 'https://127.0.0.1:7444/',
    device_id: flag(args, '--device-id') ?? '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    poll_interval_ms: 1000,
    identity_store_dir: join(stateDir(), 'identity'),
    installed_at_unix_ms: Date.now(),
    paired_at_unix_ms: null,
  };
  const url = flag(args, '--grpc-url');
  if (url) config.grpc_url = new URL(url.replace(/^http:/, 'https:')).toString();
  const deviceId = flag(args, '--device-id');
  if (deviceId && config.paired_at_unix_ms !== null && deviceId !== config.device_id)
    throw new CliError(
      `node host is already paired as device_id=${config.device_id}; uninstall or clear local state before changing device_id`,
    );
  if (deviceId) config.device_id = deviceId;
  return config;
}

function writeConfig(config: NodeHostConfig): void {
  mkdirSync(stateDir(), { recursive: true, mode: 0o700 });
  writeFileSync(configPath(), JSON.stringify(config, null, 2));
}

/** Runs one `palyra node …` command; `run` hands its checked config to `startRun`. */
export async function runPalyraNodeCli(
  args: string[],
  startRun: (config: NodeRunConfig) => void,
): Promise<void> {
  const print = (payload: unknown) => process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
  try {
    if (args[0] !== 'node')
      throw new CliError(`unsupported command '${args.join(' ')}' (the stub only knows 'node')`);
    switch (args[1]) {
      case 'status':
        print(lifecycle('status', 'node host status snapshot'));
        return;
      case 'uninstall':
        rmSync(stateDir(), { recursive: true, force: true });
        print(lifecycle('uninstall', 'node host configuration and local identity material removed'));
        return;
      case 'install': {
        const config = resolveConfig(args);
        await pair(config, args);
        writeConfig(config);
        print(lifecycle('install', 'node host configuration installed'));
        return;
      }
      case 'run': {
        const config = resolveConfig(args);
        await pair(config, args);
        writeConfig(config);
        const material = readJsonFile<Material>(materialPath(config))!;
        await rpc(rpcBase(config.grpc_url), '/node/v1/register', {
          device_id: config.device_id,
          certificate: material.certificate,
        });
        const pollIntervalMs = Math.max(
          100,
          Number(flag(args, '--poll-interval-ms') ?? config.poll_interval_ms) || 1000,
        );
        startRun({ deviceId: config.device_id, grpcUrl: config.grpc_url, pollIntervalMs });
        return;
      }
      default:
        throw new CliError(`unsupported command 'node ${args[1] ?? ''}'`);
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      // palyra's own line: `error[validation_error] trace_id=cli:<ULID> state_root=<root> <message>`.
      const root = process.env.PALYRA_STATE_ROOT ?? process.cwd();
      process.stderr.write(
        `error[validation_error] trace_id=cli:${new UlidFactory().next()} state_root=${root} ${err.message}\n`,
      );
      process.exit(2);
    }
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof CliError ? 1 : 2);
  }
}
