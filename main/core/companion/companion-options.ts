import type { TokenBackend } from '../secrets/backends';
import type { PalyraPorts } from '../supervisor';
import type { RestartPolicyConfig } from '../supervisor';

export interface CompanionOptions {
  /** Companion state root; defaults to PALYRA_STATE_ROOT, then the platform default. */
  stateRoot?: string;
  /** Run the bundled Palyra gateway simulator (and browserd / node-host stubs) as the sidecars. */
  demo?: boolean;
  /** The command that runs a simulator script in demo mode (default: Node); the Electron shell's own. */
  demoRunner?: readonly string[];
  /** Overrides Palyra's default loopback ports (tests and e2e use free ports). */
  ports?: Partial<PalyraPorts>;
  /** Where a packaged app keeps palyrad & co. next to itself. */
  appDir?: string | null;
  env?: NodeJS.ProcessEnv;
  /** Test seams. */
  keychain?: TokenBackend;
  restartPolicy?: Partial<RestartPolicyConfig>;
  healthIntervalMs?: number;
  startupGraceMs?: number;
  stopTimeoutMs?: number;
  /** How often pending approvals are fetched while connected (the gateway has no push channel). */
  approvalsPollMs?: number;
  /** Start the sidecars at launch, as Palyra's desktop does (default true). */
  autoStart?: boolean;
  /** Companion-side log lines (not sidecar output); defaults to stderr. */
  log?: (line: string) => void;
}
