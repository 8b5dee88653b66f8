// The local node host's whole life, as Palyra's desktop runs it (commands.rs enroll/repair/reset):
// Enroll = console session + CSRF → mint a PIN pairing code → `palyra node install --json …` →
// poll the pending pairing request for our device → approve it → await the install → the
// supervisor keeps `palyra node run --json` alive. Repair = uninstall, then enroll. Reset = stop
// the node host, `palyra node uninstall --json`. The pairing state is published for the UI.
import type { ActionableError, NodeHostAction, NodeHostPairing } from '../../contract/model';
import { CompanionError } from '../errors';
import { ulid } from '../secrets/token';
import type { NodeCli, NodeLifecycle } from './node-cli';
import type { NodePairingApi } from './node-pairing-api';
import { classifyNodeHostExit, isMtlsPairingRejection, type NodeHostExitKind } from './nodehost-exit';
import type { LogLine } from '../../contract/model';

export interface NodeHostLifecycleDeps {
  /** The CLI for the active profile's runtime root. */
  cli: () => NodeCli;
  api: NodePairingApi;
  /** `https://127.0.0.1:<gateway gRPC port + 1>`: palyrad's node RPC listener. */
  nodeRpcUrl: () => string;
  /** False for a remote profile: there is no local node host to manage. */
  isLocal: () => boolean;
  gatewayRunning: () => boolean;
  startNodeHost: () => Promise<void>;
  stopNodeHost: () => Promise<void>;
  /** The node host's recent log lines (for the exit classification). */
  recentNodeHostLines: () => LogLine[];
  /**
   * palyrad requires mTLS on node RPC, which a device that has no certificate yet cannot present.
   * Opens a short loopback-only pairing window (gateway restarted with mTLS optional) and returns
   * the function that closes it again.
   */
  openPairingWindow: () => Promise<() => Promise<void>>;
  onChange: (pairing: NodeHostPairing) => void;
  log: (line: string) => void;
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class NodeHostLifecycle {
  private status: NodeLifecycle | null = null;
  private statusError: ActionableError | null = null;
  private actionError: ActionableError | null = null;
  private lastExit: NodeHostExitKind | null = null;
  private busy: NodeHostAction | null = null;

  constructor(private readonly deps: NodeHostLifecycleDeps) {}

  /** Whether the supervisor may start `node run` (never when it would only exit unpaired). */
  get paired(): boolean {
    return this.status?.installed === true && this.status.paired;
  }

  view(): NodeHostPairing {
    const s = this.status;
    const base = {
      deviceId: s?.device_id ?? null,
      grpcUrl: s?.grpc_url ?? null,
      certExpiresAtMs: s?.cert_expires_at_unix_ms ?? null,
      busy: this.busy,
      error: this.actionError ?? this.statusError,
    };
    const pick = (
      state: NodeHostPairing['state'],
      detailCode: string,
      detail: string,
      actions: NodeHostAction[],
    ) => ({
      ...base,
      state,
      detail,
      detailCode,
      actions: this.busy ? [] : actions,
    });
    if (!this.deps.isLocal())
      return pick('unavailable', 'remote', 'A remote profile has no local node host to manage.', []);
    if (this.busy === 'reset') return pick('pending', 'removing', 'Removing the node host pairing…', []);
    if (this.busy)
      return pick('pending', 'pairing', 'Pairing the node host: waiting for the gateway to approve it…', []);
    if (!s)
      return pick(
        'unavailable',
        'unchecked',
        'The node host pairing could not be checked.',
        this.deps.cli().available ? ['enroll'] : [],
      );
    if (!s.installed)
      return pick(
        'not_paired',
        'not_enrolled',
        'Not paired: the node host is not enrolled with this gateway.',
        ['enroll'],
      );
    if (!s.paired)
      return pick(
        'broken',
        'material_missing',
        'The node host is installed but its pairing material is missing.',
        ['repair', 'reset'],
      );
    if (this.lastExit === 'rejected')
      return pick(
        'broken',
        'refused',
        'The gateway refused the node host (its pairing was revoked or removed).',
        ['repair', 'reset'],
      );
    if (this.lastExit === 'not_paired')
      return pick('broken', 'exited_unpaired', 'The node host exited because it is not paired.', [
        'repair',
        'reset',
      ]);
    return pick('paired', 'paired', 'Paired with this gateway.', ['repair', 'reset']);
  }

  /** Re-reads `palyra node status --json` and publishes the result. */
  async refresh(): Promise<void> {
    if (!this.deps.isLocal() || !this.deps.cli().available) {
      this.status = null;
      this.statusError = this.deps.cli().available ? null : missingCli();
      this.publish();
      return;
    }
    try {
      this.status = await this.deps.cli().status();
      this.statusError = null;
    } catch (err) {
      this.statusError = actionable(err);
    }
    this.publish();
  }

  enroll(): Promise<string> {
    return this.act('enroll', () => this.pair(false));
  }

  repair(): Promise<string> {
    return this.act('repair', () => this.pair(true));
  }

  reset(): Promise<string> {
    return this.act('reset', async () => {
      await this.deps.stopNodeHost();
      const result = await this.deps.cli().uninstall();
      this.lastExit = null;
      return result.detail;
    });
  }

  /**
   * Called when the node host exited unexpectedly. A permanent cause (not paired, refused by the
   * gateway) stops it instead of letting the restart policy crash-loop it.
   */
  async onNodeHostExited(): Promise<void> {
    // stderr may arrive just after the exit event.
    await sleep(150);
    const kind = classifyNodeHostExit(this.deps.recentNodeHostLines());
    if (!kind) return;
    this.lastExit = kind;
    this.deps.log(
      `node host exited: ${kind === 'not_paired' ? 'not paired' : 'refused by the gateway'}; not restarting it`,
    );
    await this.deps.stopNodeHost();
    await this.refresh();
  }

  /** Refuses to start a node host that would only exit unpaired. */
  assertStartable(): void {
    if (this.status && !this.paired) {
      throw new CompanionError(
        'node_not_paired',
        'The node host is not paired with this gateway, so it would exit at once.',
        'Press Enroll (or Repair) in the Health card first.',
      );
    }
  }

  private async act(action: NodeHostAction, body: () => Promise<string>): Promise<string> {
    if (this.busy) {
      throw new CompanionError(
        'node_action_busy',
        `The node host is busy (${this.busy} in progress).`,
        'Wait for it to finish, then try again.',
      );
    }
    if (!this.deps.isLocal()) {
      throw new CompanionError(
        'node_remote_profile',
        'The active profile is remote: there is no local node host to manage.',
        'Switch to a local profile to enroll the node host.',
      );
    }
    this.busy = action;
    this.actionError = null;
    this.publish();
    try {
      return await body();
    } catch (err) {
      this.actionError = actionable(err);
      throw err;
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }

  private async pair(repair: boolean): Promise<string> {
    if (!this.deps.gatewayRunning()) {
      throw new CompanionError(
        'gateway_not_running',
        'Enrolling the node host needs the local gateway running.',
        'Start palyrad (Health → Start), wait until it is healthy, then try again.',
      );
    }
    const status = await this.deps.cli().status();
    if (status.installed && status.paired && !repair) return 'The node host is already paired.';
    const deviceId = status.device_id ?? ulid();
    if (status.installed) {
      await this.deps.stopNodeHost();
      await this.deps.cli().uninstall();
    }
    let installed: NodeLifecycle;
    try {
      installed = await this.install(deviceId, repair);
    } catch (err) {
      if (!(err instanceof CompanionError) || !isMtlsPairingRejection(err.message)) throw err;
      this.deps.log('node RPC requires mTLS; pairing through a short loopback-only pairing window');
      const close = await this.deps.openPairingWindow();
      try {
        installed = await this.install(deviceId, repair);
      } finally {
        await close();
      }
    }
    this.lastExit = null;
    this.status = installed;
    await this.deps.startNodeHost();
    return installed.detail;
  }

  private async install(deviceId: string, repair: boolean): Promise<NodeLifecycle> {
    const code = await this.deps.api.mintPinCode();
    const install = this.deps.cli().install({ deviceId, grpcUrl: this.deps.nodeRpcUrl(), pairingCode: code });
    let installFailure: unknown = null;
    install.catch((err: unknown) => (installFailure = err ?? new Error('install failed')));
    const deadline = Date.now() + (this.deps.pollTimeoutMs ?? 20_000);
    while (Date.now() < deadline) {
      if (installFailure) throw installFailure;
      const request = (await this.deps.api.pendingNodeRequests()).find((r) => r.device_id === deviceId);
      if (request) {
        const reason = repair ? 'desktop_control_center_repair_enroll' : 'desktop_control_center_enroll';
        await this.deps.api.approve(request.request_id, reason);
        return install;
      }
      await sleep(this.deps.pollIntervalMs ?? 250);
    }
    if (installFailure) throw installFailure;
    throw new CompanionError(
      'pairing_timeout',
      `The gateway never showed a pairing request for device ${deviceId}.`,
      'Check the node host and gateway logs, then press Enroll again.',
    );
  }

  private publish(): void {
    this.deps.onChange(this.view());
  }
}

function missingCli(): ActionableError {
  return {
    code: 'binary_missing',
    message: 'The palyra CLI (which runs the node host) was not found.',
    hint: 'Install Palyra or set PALYRA_DESKTOP_PALYRA_BIN to its absolute path.',
    params: { variant: 'cli', envVar: 'PALYRA_DESKTOP_PALYRA_BIN' },
  };
}

function actionable(err: unknown): ActionableError {
  if (err instanceof CompanionError) return err.toJSON();
  const e = err as { code?: unknown; message?: unknown; hint?: unknown } | null;
  if (e && typeof e.code === 'string' && typeof e.message === 'string' && typeof e.hint === 'string')
    return { code: e.code, message: e.message, hint: e.hint };
  return {
    code: 'node_action_failed',
    message: err instanceof Error ? err.message : String(err),
    hint: 'Check the gateway and node host logs, then try again.',
  };
}
