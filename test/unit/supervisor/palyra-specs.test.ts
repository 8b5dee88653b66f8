import { describe, expect, it } from 'vitest';
import { BinaryResolver } from '../../../main/core/process/binary-resolver';
import { palyraServiceSpecs } from '../../../main/core/supervisor/palyra-specs';

const base = {
  stateRoot: '/var/lib/palyra-test',
  adminToken: 'ADMIN-TOKEN-0123456789',
  browserToken: 'BROWSER-TOKEN-0123456789',
  browserServiceEnabled: true,
  resolver: new BinaryResolver({ env: { PATH: '' } }),
};

describe('palyraServiceSpecs', () => {
  it('launches palyrad exactly like the Palyra desktop, plus absolute state paths', () => {
    const [gw] = palyraServiceSpecs(base);
    expect(gw!.args).toEqual([
      '--bind',
      '127.0.0.1',
      '--port',
      '7142',
      '--grpc-bind',
      '127.0.0.1',
      '--grpc-port',
      '7443',
    ]);
    expect(gw!.env).toEqual({
      PALYRA_DEPLOYMENT_MODE: 'local_desktop',
      PALYRA_ADMIN_REQUIRE_AUTH: 'true',
      PALYRA_ADMIN_TOKEN: base.adminToken,
      PALYRA_ADMIN_BOUND_PRINCIPAL: 'admin:desktop-control-center',
      PALYRA_STATE_ROOT: base.stateRoot,
      PALYRA_DAEMON_BIND_ADDR: '127.0.0.1',
      PALYRA_DAEMON_PORT: '7142',
      PALYRA_GATEWAY_GRPC_BIND_ADDR: '127.0.0.1',
      PALYRA_GATEWAY_GRPC_PORT: '7443',
      PALYRA_GATEWAY_QUIC_BIND_ADDR: '127.0.0.1',
      PALYRA_GATEWAY_QUIC_PORT: '7444',
      PALYRA_BROWSER_SERVICE_ENABLED: 'true',
      PALYRA_BROWSER_SERVICE_ENDPOINT: 'http://127.0.0.1:7543',
      PALYRA_BROWSER_SERVICE_AUTH_TOKEN: base.browserToken,
      PALYRA_JOURNAL_DB_PATH: '/var/lib/palyra-test/data/journal.sqlite3',
      PALYRA_GATEWAY_IDENTITY_STORE_DIR: '/var/lib/palyra-test/identity',
      PALYRA_VAULT_DIR: '/var/lib/palyra-test/vault',
    });
    expect(gw!.stopSignal).toBe('SIGINT');
    expect(gw!.ports).toEqual([
      { port: 7142, protocol: 'tcp' },
      { port: 7443, protocol: 'tcp' },
      { port: 7444, protocol: 'tcp' }, // node RPC listener = gRPC port + 1
      { port: 7444, protocol: 'udp' },
    ]);
    expect(gw!.health).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:7142/healthz',
      expectService: 'palyrad',
    });
    expect(gw!.secrets).toEqual([base.adminToken, base.browserToken]);
  });

  it('launches browserd and the node host like the desktop; ports are overridable', () => {
    const [, bd, nh] = palyraServiceSpecs({ ...base, ports: { browserdHealth: 17143, browserdGrpc: 17543 } });
    expect(bd!.args).toEqual([
      '--bind',
      '127.0.0.1',
      '--port',
      '17143',
      '--grpc-bind',
      '127.0.0.1',
      '--grpc-port',
      '17543',
      '--auth-token',
      base.browserToken,
    ]);
    expect(bd!.env).toEqual({
      PALYRA_STATE_ROOT: base.stateRoot,
      PALYRA_BROWSERD_AUTH_TOKEN: base.browserToken,
    });
    expect(bd!.health).toMatchObject({
      url: 'http://127.0.0.1:17143/healthz',
      expectService: 'palyra-browserd',
    });
    expect(nh!.args).toEqual(['node', 'run', '--json']);
    expect(nh!.env).toEqual({
      PALYRA_STATE_ROOT: base.stateRoot,
      PALYRA_GATEWAY_IDENTITY_STORE_DIR: '/var/lib/palyra-test/identity',
    });
    expect(nh!.health.type).toBe('output');
    expect(nh!.stopSignal).toBe('SIGINT');
  });

  it('carries the resolver error when a binary is missing', () => {
    const specs = palyraServiceSpecs(base);
    for (const s of specs) {
      expect(s.binary).toBeNull();
      expect(s.binaryError?.code).toBe('binary_missing');
    }
    expect(specs[2]!.binaryError?.message).toContain('PALYRA_DESKTOP_PALYRA_BIN');
  });
});
