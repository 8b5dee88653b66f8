// The three Palyra sidecars, launched exactly as Palyra's desktop launches them
// (apps/desktop supervisor.rs), plus the paths Palyra otherwise resolves relative to the CWD.
import { join } from 'node:path';
import { BinaryResolver } from '../process/binary-resolver';
import type { ServiceSpec } from './service-spec';

export interface PalyraPorts {
  gatewayHttp: number;
  gatewayGrpc: number;
  gatewayQuic: number;
  browserdHealth: number;
  browserdGrpc: number;
}

export const DEFAULT_PALYRA_PORTS: PalyraPorts = {
  gatewayHttp: 7142,
  gatewayGrpc: 7443,
  gatewayQuic: 7444,
  browserdHealth: 7143,
  browserdGrpc: 7543,
};

export interface PalyraSpecConfig {
  /** Palyra runtime root (PALYRA_STATE_ROOT). */
  stateRoot: string;
  adminToken: string;
  browserToken: string;
  browserServiceEnabled: boolean;
  ports?: Partial<PalyraPorts>;
  /** Defaults to a resolver over process.env and PATH. */
  resolver?: BinaryResolver;
  startupGraceMs?: number;
  stopTimeoutMs?: number;
}

const LOOPBACK = '127.0.0.1';
export const ADMIN_BOUND_PRINCIPAL = 'admin:desktop-control-center';

export function palyraServiceSpecs(config: PalyraSpecConfig): ServiceSpec[] {
  const p: PalyraPorts = { ...DEFAULT_PALYRA_PORTS, ...config.ports };
  const resolver = config.resolver ?? new BinaryResolver();
  const root = config.stateRoot;
  const identityDir = join(root, 'identity');
  const grace = config.startupGraceMs ?? 60_000;
  const stopTimeoutMs = config.stopTimeoutMs ?? 5_000;
  const secrets = [config.adminToken, config.browserToken];

  const resolve = (name: string, envVar: string): Pick<ServiceSpec, 'binary' | 'binaryError'> => {
    const r = resolver.resolve({ name, envVar });
    return r.found ? { binary: r.path, binaryError: null } : { binary: null, binaryError: r.error.toJSON() };
  };

  const gateway: ServiceSpec = {
    name: 'gateway',
    kind: 'gateway',
    displayName: 'palyrad',
    ...resolve('palyrad', 'PALYRA_DESKTOP_PALYRAD_BIN'),
    args: [
      '--bind',
      LOOPBACK,
      '--port',
      String(p.gatewayHttp),
      '--grpc-bind',
      LOOPBACK,
      '--grpc-port',
      String(p.gatewayGrpc),
    ],
    env: {
      PALYRA_DEPLOYMENT_MODE: 'local_desktop',
      PALYRA_ADMIN_REQUIRE_AUTH: 'true',
      PALYRA_ADMIN_TOKEN: config.adminToken,
      PALYRA_ADMIN_BOUND_PRINCIPAL: ADMIN_BOUND_PRINCIPAL,
      PALYRA_STATE_ROOT: root,
      PALYRA_DAEMON_BIND_ADDR: LOOPBACK,
      PALYRA_DAEMON_PORT: String(p.gatewayHttp),
      PALYRA_GATEWAY_GRPC_BIND_ADDR: LOOPBACK,
      PALYRA_GATEWAY_GRPC_PORT: String(p.gatewayGrpc),
      PALYRA_GATEWAY_QUIC_BIND_ADDR: LOOPBACK,
      PALYRA_GATEWAY_QUIC_PORT: String(p.gatewayQuic),
      PALYRA_BROWSER_SERVICE_ENABLED: String(config.browserServiceEnabled),
      PALYRA_BROWSER_SERVICE_ENDPOINT: `http://${LOOPBACK}:${p.browserdGrpc}`,
      PALYRA_BROWSER_SERVICE_AUTH_TOKEN: config.browserToken,
      // Palyra's default journal path is relative to the CWD; pin it (and its siblings) under the root.
      PALYRA_JOURNAL_DB_PATH: join(root, 'data', 'journal.sqlite3'),
      PALYRA_GATEWAY_IDENTITY_STORE_DIR: identityDir,
      PALYRA_VAULT_DIR: join(root, 'vault'),
    },
    cwd: root,
    // palyrad also binds the node-RPC listener on grpc port + 1 (TCP); QUIC is UDP on its own port.
    ports: [
      { port: p.gatewayHttp, protocol: 'tcp' },
      { port: p.gatewayGrpc, protocol: 'tcp' },
      { port: p.gatewayGrpc + 1, protocol: 'tcp' },
      { port: p.gatewayQuic, protocol: 'udp' },
    ],
    health: { type: 'http', url: `http://${LOOPBACK}:${p.gatewayHttp}/healthz`, expectService: 'palyrad' },
    startupGraceMs: grace,
    stopSignal: 'SIGINT',
    stopTimeoutMs,
    secrets,
  };

  const browserd: ServiceSpec = {
    name: 'browserd',
    kind: 'browserd',
    displayName: 'palyra-browserd',
    ...resolve('palyra-browserd', 'PALYRA_DESKTOP_BROWSERD_BIN'),
    args: [
      '--bind',
      LOOPBACK,
      '--port',
      String(p.browserdHealth),
      '--grpc-bind',
      LOOPBACK,
      '--grpc-port',
      String(p.browserdGrpc),
      '--auth-token',
      config.browserToken,
    ],
    env: { PALYRA_STATE_ROOT: root, PALYRA_BROWSERD_AUTH_TOKEN: config.browserToken },
    cwd: root,
    ports: [
      { port: p.browserdHealth, protocol: 'tcp' },
      { port: p.browserdGrpc, protocol: 'tcp' },
    ],
    health: {
      type: 'http',
      url: `http://${LOOPBACK}:${p.browserdHealth}/healthz`,
      expectService: 'palyra-browserd',
    },
    startupGraceMs: grace,
    stopSignal: 'SIGINT',
    stopTimeoutMs,
    secrets,
  };

  const nodehost: ServiceSpec = {
    name: 'nodehost',
    kind: 'nodehost',
    displayName: 'palyra node host',
    ...resolve('palyra', 'PALYRA_DESKTOP_PALYRA_BIN'),
    args: ['node', 'run', '--json'],
    env: { PALYRA_STATE_ROOT: root, PALYRA_GATEWAY_IDENTITY_STORE_DIR: identityDir },
    cwd: root,
    ports: [],
    // No HTTP health: `node run --json` pretty-prints {"action": "run", …} once registered.
    health: { type: 'output', pattern: '"action"\\s*:\\s*"run"' },
    // Unpaired, `palyra node run` exits at once (crates/palyra-cli/src/commands/node.rs
    // ensure_node_pairing_material): restarting cannot help, so it is parked with the fix.
    parkOnExit: {
      pattern: 'node pairing|pairing material|before pairing',
      code: 'nodehost_not_paired',
      message: 'The node host is not paired with this gateway, so it exits at start.',
      hint: 'Press Enroll (or Repair) in the node host card: it pairs the node host with this gateway and starts it.',
    },
    startupGraceMs: grace,
    stopSignal: 'SIGINT',
    stopTimeoutMs,
    secrets,
  };

  return [gateway, browserd, nodehost];
}
