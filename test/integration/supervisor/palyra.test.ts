// The three Palyra specs, run end to end: binaries found through the PALYRA_DESKTOP_*_BIN
// overrides (wrapper scripts around the test sidecar), launched with Palyra's exact args/env.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BinaryResolver, palyraServiceSpecs } from '../../../main/core/supervisor';
import { isPortFree } from '../../../main/core/process/port-preflight';
import { SIDECAR, TestBed } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

function wrapper(dir: string, name: string, extra: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${SIDECAR}" "$@" ${extra}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('Palyra sidecar specs, end to end', () => {
  it('starts gateway, browserd and node host as Palyra does; all healthy; tokens never reach the logs', async () => {
    bed = new TestBed();
    const binDir = join(bed.dir, 'bin');
    const stateRoot = join(bed.dir, 'palyra');
    mkdirSync(binDir);
    mkdirSync(stateRoot);
    const env = {
      PATH: '',
      PALYRA_DESKTOP_PALYRAD_BIN: wrapper(
        binDir,
        'palyrad',
        '--print-env PALYRA_ADMIN_TOKEN,PALYRA_JOURNAL_DB_PATH,PALYRA_DEPLOYMENT_MODE',
      ),
      PALYRA_DESKTOP_BROWSERD_BIN: wrapper(
        binDir,
        'palyra-browserd',
        '--service palyra-browserd --print-env PALYRA_BROWSERD_AUTH_TOKEN',
      ),
      PALYRA_DESKTOP_PALYRA_BIN: wrapper(
        binDir,
        'palyra',
        '--ready-json --print-env PALYRA_GATEWAY_IDENTITY_STORE_DIR',
      ),
    };
    const adminToken = '01JADMINAAAAAAAAAAAAAAAAAA01JADMINBBBBBBBBBBBBBBBBBB';
    const browserToken = '01JBROWSERAAAAAAAAAAAAAAAA01JBROWSERBBBBBBBBBBBBBBBB';
    let grpc = await freePort();
    // gRPC port + 1 (node RPC) must be free too.
    while (!(await isPortFree({ port: grpc + 1, protocol: 'tcp' }))) grpc = await freePort();
    const specs = palyraServiceSpecs({
      stateRoot,
      adminToken,
      browserToken,
      browserServiceEnabled: true,
      resolver: new BinaryResolver({ env }),
      ports: {
        gatewayHttp: await freePort(),
        gatewayGrpc: grpc,
        gatewayQuic: await freePort(),
        browserdHealth: await freePort(),
        browserdGrpc: await freePort(),
      },
      startupGraceMs: 10_000,
      stopTimeoutMs: 2_000,
    });
    const sup = bed.supervisor(specs);
    await sup.startAll();
    await waitFor(() => sup.snapshot().every((s) => s.health === 'healthy'), 'all three healthy', 30_000);
    for (const s of sup.snapshot()) bed.track(s.pid);
    const all = sup.logs();
    const text = all.map((l) => l.line).join('\n');
    expect(text).not.toContain(adminToken);
    expect(text).not.toContain(browserToken);
    expect(text).toContain('env PALYRA_ADMIN_TOKEN=<redacted>');
    expect(text).toContain(`env PALYRA_JOURNAL_DB_PATH=${join(stateRoot, 'data', 'journal.sqlite3')}`);
    expect(text).toContain('env PALYRA_DEPLOYMENT_MODE=local_desktop');
    expect(text).toContain(`env PALYRA_GATEWAY_IDENTITY_STORE_DIR=${join(stateRoot, 'identity')}`);
    expect(text).toContain('argv node run --json');
    expect(text).toContain(`cwd ${stateRoot}`);
    // Even on argv (browserd gets --auth-token), the token is redacted.
    expect(all.some((l) => l.service === 'browserd' && l.line.includes('--auth-token <redacted>'))).toBe(
      true,
    );
    await sup.stopAll();
    expect(sup.snapshot().every((s) => s.state === 'stopped')).toBe(true);
  });
});
