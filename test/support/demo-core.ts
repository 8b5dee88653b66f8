// The whole companion core against the gateway simulator, run as real sidecar processes on free
// ports with a throw-away state root: the setup shared by the core-level integration, security
// and chaos tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompanionCore, type Companion, type CompanionOptions } from '../../main/core/companion';
import { writeDemoBinaries } from '../../main/core/companion/demo-binaries';
import { MemoryKeychain } from './memory-keychain';
import { freePalyraPorts, type PalyraTestPorts } from './ports';

export interface DemoCore {
  core: Companion;
  dir: string;
  keychain: MemoryKeychain;
  ports: PalyraTestPorts;
  gatewayOrigin: string;
  /** The simulator's control API (`/__sim/…`), authorized with the generated admin token. */
  simulator(path: string, body?: unknown): Promise<Response>;
  /** Shuts the core down (idempotent) and removes the state root. */
  stop(): Promise<void>;
}

export interface DemoCoreOptions {
  /** Fast timings for tests unless overridden. */
  core?: Partial<CompanionOptions>;
  /**
   * The simulator through demo mode's wrappers but without demo mode itself, so no approvals or
   * chats appear that the test did not create.
   */
  simulatorOnly?: boolean;
  /** Runs on the fresh state root before the core starts (seed state.json, config files). */
  prepare?: (dir: string) => void;
  tmpPrefix?: string;
}

export async function startDemoCore(options: DemoCoreOptions = {}): Promise<DemoCore> {
  const dir = mkdtempSync(join(tmpdir(), options.tmpPrefix ?? 'companion-core-'));
  try {
    options.prepare?.(dir);
    const keychain = new MemoryKeychain();
    const ports = await freePalyraPorts();
    const core = await createCompanionCore({
      ...(options.simulatorOnly
        ? { env: { ...process.env, ...writeDemoBinaries(join(dir, 'bin')) } }
        : { demo: true }),
      stateRoot: dir,
      ports,
      keychain,
      healthIntervalMs: 250,
      approvalsPollMs: 200,
      restartPolicy: { baseDelayMs: 100 },
      log: () => undefined,
      ...options.core,
    });
    const gatewayOrigin = `http://127.0.0.1:${ports.gatewayHttp}`;
    return {
      core,
      dir,
      keychain,
      ports,
      gatewayOrigin,
      simulator: (path, body) =>
        fetch(`${gatewayOrigin}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            authorization: `Bearer ${keychain.values.get('admin_token')}`,
            'content-type': 'application/json',
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      stop: async () => {
        await core.shutdown();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
