// Builds the companion core from its options: the one function the shell and the host call.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BinaryStatus } from '../../contract/model';
import { CompanionError } from '../errors';
import { GatewayClient } from '../gateway';
import { SecretStore } from '../secrets/secret-store';
import { InstanceLock } from '../process/instance-lock';
import { companionDir, defaultRuntimeRoot, prepareStateRoot, resolveStateRoot } from '../state/paths';
import { StateStore } from '../state/state-store';
import {
  BinaryResolver,
  DEFAULT_PALYRA_PORTS,
  palyraServiceSpecs,
  Supervisor,
  type PalyraPorts,
} from '../supervisor';
import type { TokenAccount } from '../secrets/backends';
import { recoverDemoTokens } from '../secrets/demo-token-recovery';
import { MemoryTokenBackend } from '../secrets/memory-backend';
import { Companion } from './companion';
import { reusablePalyraDesktopRuntime } from './palyra-desktop-runtime';
import type { CompanionOptions } from './companion-options';
import { writeDemoBinaries } from './demo-binaries';
import { loadExtraSidecars, palyraPortOwners } from './extra-sidecars';
import { NodeCli } from './node-cli';
import { ProfileRuntime, remoteProfileError } from './profile-runtime';

export type { CompanionOptions };
export { Companion };

const BINARIES = [
  { service: 'gateway', name: 'palyrad', envVar: 'PALYRA_DESKTOP_PALYRAD_BIN' },
  { service: 'browserd', name: 'palyra-browserd', envVar: 'PALYRA_DESKTOP_BROWSERD_BIN' },
  { service: 'nodehost', name: 'palyra', envVar: 'PALYRA_DESKTOP_PALYRA_BIN' },
] as const;

export async function createCompanionCore(options: CompanionOptions = {}): Promise<Companion> {
  const env = options.env ?? process.env;
  const stateRoot = options.stateRoot ?? resolveStateRoot({ env });
  prepareStateRoot(stateRoot);
  // One companion per state root: a second one would adopt or kill the first one's sidecars.
  const lock = InstanceLock.acquire(companionDir(stateRoot), stateRoot);
  try {
    return await createLockedCore(options, env, stateRoot, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Demo's in-memory tokens, seeded with those of a leftover demo gateway so it can be adopted. */
function demoMemory(stateRoot: string): MemoryTokenBackend {
  const memory = new MemoryTokenBackend();
  for (const [account, value] of Object.entries(recoverDemoTokens(stateRoot)) as [TokenAccount, string][])
    void memory.set(account, value);
  return memory;
}

async function createLockedCore(
  options: CompanionOptions,
  env: NodeJS.ProcessEnv,
  stateRoot: string,
  lock: InstanceLock,
): Promise<Companion> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[companion] ${line}\n`));
  const demo = options.demo ?? false;
  const state = await StateStore.open({ stateRoot });
  for (const warning of state.warnings) log(warning);
  const keychain = options.keychain ?? (demo ? demoMemory(stateRoot) : undefined);
  const secrets = new SecretStore({
    stateRoot,
    insecureAccepted: () => state.state.insecureSecretStoreAccepted,
    memoryOnly: demo,
    ...(keychain ? { keychain } : {}),
  });

  const defaultRoot = defaultRuntimeRoot(stateRoot);
  const palyraRuntime = reusablePalyraDesktopRuntime(stateRoot, defaultRoot);
  if (palyraRuntime && !state.state.runtimeStateRoot)
    log(`Reusing Palyra's desktop runtime at ${palyraRuntime} (journal, identity and node pairing).`);
  const runtimeRoot = state.state.runtimeStateRoot ?? palyraRuntime ?? defaultRoot;
  mkdirSync(runtimeRoot, { recursive: true, mode: 0o700 });

  const resolverEnv = demo
    ? {
        ...env,
        ...writeDemoBinaries(join(companionDir(stateRoot), 'demo-bin'), process.platform, options.demoRunner),
      }
    : env;
  const resolver = new BinaryResolver({ appDir: options.appDir ?? null, env: resolverEnv });
  const binaries: BinaryStatus[] = BINARIES.map((b) => {
    const r = resolver.resolve({ name: b.name, envVar: b.envVar });
    return { service: b.service, found: r.found, path: r.found ? r.path : null, searched: r.searched };
  });

  const ports: PalyraPorts = { ...DEFAULT_PALYRA_PORTS, ...options.ports };
  const extras = loadExtraSidecars(stateRoot, [], palyraPortOwners(ports));
  if (extras.problem) log(extras.problem);
  const legacy = state.takeLegacySecrets();
  const profiles = new ProfileRuntime({ stateRoot, env, implicitRuntimeRoot: runtimeRoot, ports });
  const client = new GatewayClient({
    baseUrl: profiles.daemonUrl,
    getAdminToken: () => profiles.adminToken(async () => (await secrets.ensureTokens(legacy)).adminToken),
  });
  const palyraCli = binaries.find((b) => b.service === 'nodehost')?.path ?? null;
  let gatewayEnv: Record<string, string> | null = null;

  const createSupervisor = async (): Promise<Supervisor> => {
    if (!profiles.isLocal) throw remoteProfileError(profiles.active.label);
    const tokens = await secrets.ensureTokens(legacy);
    mkdirSync(profiles.runtimeRoot, { recursive: true, mode: 0o700 });
    const specs = palyraServiceSpecs({
      stateRoot: profiles.runtimeRoot,
      adminToken: tokens.adminToken,
      browserToken: tokens.browserAuthToken,
      browserServiceEnabled: true,
      ports: profiles.ports,
      resolver,
      ...(options.startupGraceMs !== undefined ? { startupGraceMs: options.startupGraceMs } : {}),
      ...(options.stopTimeoutMs !== undefined ? { stopTimeoutMs: options.stopTimeoutMs } : {}),
    });
    if (demo) {
      // The demo gateway seeds sessions and approvals; the demo node host counts as paired.
      for (const spec of specs)
        if (spec.kind === 'gateway' || spec.kind === 'nodehost') spec.env.PALYRA_SIM_DEMO = '1';
    }
    gatewayEnv = specs.find((spec) => spec.kind === 'gateway')?.env ?? null;
    const extraSpecs = extras.specs.map((spec) => ({
      ...spec,
      secrets: [tokens.adminToken, tokens.browserAuthToken],
    }));
    return new Supervisor({
      stateRoot,
      specs: [...specs, ...extraSpecs],
      ...(options.restartPolicy ? { restartPolicy: options.restartPolicy } : {}),
      ...(options.healthIntervalMs !== undefined ? { healthIntervalMs: options.healthIntervalMs } : {}),
      logFiles: state.state.preferences.logFilesEnabled ? { maxBytes: 5 * 1024 * 1024, maxFiles: 3 } : null,
    });
  };

  let supervisor: Supervisor | null = null;
  let supervisorError: CompanionError | null = null;
  try {
    supervisor = await createSupervisor();
  } catch (err) {
    if (!(err instanceof CompanionError)) throw err;
    supervisorError = err;
    log(`sidecars not started: ${err.message} ${err.hint}`);
  }

  const companion = new Companion({
    stateRoot,
    defaultRuntimeRoot: defaultRoot,
    runtimeRoot,
    demo,
    state,
    secrets,
    supervisor,
    supervisorError,
    client,
    binaries,
    requiredBinaries: ['gateway', 'browserd'],
    // The node host starts only once `palyra node status` reports it paired (node-host-lifecycle).
    autoStartServices: ['gateway', 'browserd', 'nodehost', ...extras.autoStart],
    warnings: extras.problem ? [extras.problem] : [],
    approvalsPollMs: options.approvalsPollMs ?? 2_000,
    log,
    createSupervisor,
    onShutdown: () => lock.release(),
    profiles,
    nodeCli: () =>
      new NodeCli({
        binary: palyraCli,
        runtimeRoot: profiles.runtimeRoot,
        identityStoreDir: join(profiles.runtimeRoot, 'identity'),
        env: resolverEnv,
      }),
    nodeRpcUrl: () => `https://127.0.0.1:${profiles.ports.gatewayGrpc + 1}`,
    gatewayEnv: () => gatewayEnv,
  });
  await companion.start(options.autoStart ?? true);
  return companion;
}
