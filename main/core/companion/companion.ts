// The companion core: one object that owns every part (supervisor, gateway client, state,
// secrets, inbox, drafts, notifications) and exposes them through the contract. The shell and
// the host are thin adapters around this.
import type {
  BinaryStatus,
  CompanionSnapshot,
  HotkeyStatus,
  LogLine,
  ServiceSnapshot,
} from '../../contract/model';
import type { ActionResult, ContractHandlers } from '../../contract/calls';
import type { CompanionCore } from '../../contract/dispatch';
import type { EventName, EventPayloads } from '../../contract/events';
import type { NativeNotificationRequest } from '../../contract/native';
import { ApprovalInbox } from '../approvals/approval-inbox';
import { DraftQueue } from '../drafts/draft-queue';
import { CompanionError } from '../errors';
import { ConnectionMonitor, GatewayClient } from '../gateway';
import { NotificationFeed } from '../notifications/notification-feed';
import { NotificationPolicy, type CoreNotificationEvent } from '../notifications/notification-policy';
import type { SecretStore } from '../secrets/secret-store';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { initialSnapshot } from '../snapshot/initial-snapshot';
import { validateRuntimeRootOverride } from '../state/paths';
import type { StateStore } from '../state/state-store';
import { isProcessAlive } from '../process/procfs';
import { Supervisor } from '../supervisor';
import { ApprovalSync } from './approval-sync';
import { ChatController, isDeliveryFailure } from './chat-controller';
import { buildOnboarding, missingBinariesError } from './onboarding-model';
import type { NodeCli } from './node-cli';
import { NodeHostLifecycle } from './node-host-lifecycle';
import { NodePairingApi } from './node-pairing-api';
import { providerHandlers } from './provider-handlers';
import { ProviderOnboarding } from './provider-onboarding';
import { openPairingWindow } from './pairing-window';
import { remoteProfileError, type ProfileRuntime } from './profile-runtime';
import { switchProfile } from './profile-switch';
import { VoiceController } from './voice-controller';

const LOG_TAIL = 200;
const LOG_TAIL_PUBLISH_MS = 1_000;
/** Backstop only: chat activity refreshes sessions itself (onSessionsChanged). */
const SESSIONS_REFRESH_MS = 60_000;

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface CompanionParts {
  stateRoot: string;
  defaultRuntimeRoot: string;
  runtimeRoot: string;
  demo: boolean;
  state: StateStore;
  secrets: SecretStore;
  supervisor: Supervisor | null;
  /** Why there is no supervisor (no tokens yet): shown until onboarding fixes it. */
  supervisorError: CompanionError | null;
  client: GatewayClient;
  binaries: BinaryStatus[];
  requiredBinaries: string[];
  /** Services to start at launch and on "Start all" (the node host only once enrolled). */
  autoStartServices: string[];
  approvalsPollMs: number;
  /** Problems found while starting (bad config files), shown in the UI. */
  warnings: string[];
  log: (line: string) => void;
  /** Rebuilds the supervisor once tokens exist (after the operator fixed the keychain). */
  createSupervisor: () => Promise<Supervisor>;
  /** Runs last on shutdown (releases the state root's instance lock). */
  onShutdown?: () => void;
  /** The active connection profile (local: sidecars supervised; remote: the gateway only). */
  profiles: ProfileRuntime;
  /** The node host CLI and palyrad's node RPC URL for the active profile. */
  nodeCli: () => NodeCli;
  nodeRpcUrl: () => string;
  /** The environment the current supervisor spawns palyrad with (the pairing window edits it). */
  gatewayEnv: () => Record<string, string> | null;
}

function ok(message: string): ActionResult {
  return { ok: true, message };
}

export class Companion implements CompanionCore {
  readonly handlers: ContractHandlers;
  private readonly listeners = new Set<Listener>();
  private readonly nativeListeners = new Set<(request: NativeNotificationRequest) => void>();
  private readonly store: SnapshotStore;
  private readonly inbox = new ApprovalInbox();
  private readonly monitor: ConnectionMonitor;
  private readonly chat: ChatController;
  private readonly drafts: DraftQueue;
  private readonly policy: NotificationPolicy;
  private readonly feed: NotificationFeed;
  private readonly approvalSync: ApprovalSync;
  private supervisor: Supervisor | null;
  private supervisorError: CompanionError | null;
  private readonly disposers: (() => void)[] = [];
  private logTail: LogLine[] = [];
  private logTailTimer: NodeJS.Timeout | null = null;
  private policyTimer: NodeJS.Timeout | null = null;
  private sessionsTimer: NodeJS.Timeout | null = null;
  private everConnected = false;
  private shuttingDown: Promise<void> | null = null;
  private readonly warnings = new Set<string>();
  private readonly nodeHost: NodeHostLifecycle;
  private readonly providers: ProviderOnboarding;
  private readonly voice: VoiceController;

  constructor(private readonly parts: CompanionParts) {
    this.supervisor = parts.supervisor;
    this.supervisorError = parts.supervisorError;
    const { state } = parts;
    for (const w of [...state.warnings, ...parts.warnings]) this.warnings.add(w);
    this.store = new SnapshotStore(
      initialSnapshot({
        stateRoot: parts.runtimeRoot,
        defaultStateRoot: parts.defaultRuntimeRoot,
        dashboardUrl: `${parts.client.baseUrl}/#/control/overview`,
        demo: parts.demo,
      }),
    );
    this.disposers.push(this.store.onPatch((patch) => this.emit('snapshot.patch', patch)));

    this.monitor = new ConnectionMonitor({
      probe: () => parts.client.probe(),
      isDesired: () => this.gatewayDesired(),
    });
    this.monitor.on('state', (snapshot, previous) => this.onConnection(snapshot.state, previous));

    this.chat = new ChatController({
      client: parts.client,
      state,
      isConnected: () => this.monitor.state === 'connected',
      onSnapshot: (chat) => this.store.update({ chat }),
      onStream: (event) => this.emit('chat.stream', event),
      onSessionsChanged: () => void this.refreshSessions(),
      onDeliveryFailure: (err) => this.monitor.markFailure(err),
    });
    this.drafts = new DraftQueue({
      state,
      send: (draft) => this.chat.deliver(draft.sessionId, draft.text, draft.draftId),
      wasDelivered: (draft) => this.chat.wasDelivered(draft),
      onWarning: (message) => this.warn(message),
    });
    this.chat.drafts = this.drafts;
    this.voice = new VoiceController({
      client: parts.client,
      state,
      ensureSession: async (sessionId) =>
        sessionId ?? this.chat.snapshot().activeSessionId ?? (await this.chat.createSession()).sessionId,
    });

    this.feed = new NotificationFeed(state);
    this.policy = new NotificationPolicy({
      enabled: () => state.state.rollout.desktop_notifications_enabled,
      language: () => state.state.preferences.language,
      // An approval decided (or timed out) during the toast's grouping delay needs no toast.
      stillPending: (approvalId) => this.inbox.get(approvalId) !== undefined,
    });

    this.approvalSync = new ApprovalSync({
      client: parts.client,
      inbox: this.inbox,
      isConnected: () => this.monitor.state === 'connected',
      intervalMs: parts.approvalsPollMs,
      onError: (err) => {
        if (isDeliveryFailure(err)) this.monitor.markFailure(err);
        else this.warn(`Could not refresh approvals: ${err instanceof Error ? err.message : String(err)}`);
      },
    });
    this.disposers.push(
      this.inbox.on('patch', (patches) => this.store.patchApprovals(patches)),
      this.inbox.on('added', (approval) => {
        this.notify({ type: 'approval.added', approval });
        const detail = approval.inputSummary
          ? `${approval.toolName ?? ''} ${approval.inputSummary}`.trim()
          : approval.summary;
        void this.feed.add({
          kind: 'approval',
          title: approval.title,
          detail,
          approvalId: approval.approvalId,
          // The approval's own words come from the gateway: shown as they are, in any language.
          code: 'approval',
          params: { title: approval.title.slice(0, 500), detail: detail.slice(0, 4000) },
        });
      }),
      this.inbox.on('removed', ({ approvalId }) => void this.feed.markApprovalRead(approvalId)),
      state.onChange((s) => {
        this.store.update({
          rollout: s.rollout,
          preferences: s.preferences,
          drafts: this.drafts.list(),
          notifications: s.notifications,
          voice: s.voice,
        });
        this.refreshOnboarding();
      }),
    );

    this.nodeHost = this.createNodeHostLifecycle();
    this.providers = new ProviderOnboarding({
      api: () => parts.client.providers,
      isConnected: () => this.monitor.state === 'connected',
      onChange: (providers) => {
        this.store.update({ providers });
        this.refreshOnboarding();
      },
      log: parts.log,
      isDeliveryFailure,
    });
    this.disposers.push(() => this.providers.dispose());
    this.handlers = this.createHandlers();
    this.store.update({
      rollout: state.state.rollout,
      preferences: state.state.preferences,
      drafts: this.drafts.list(),
      notifications: state.state.notifications,
      voice: state.state.voice,
      keychain: parts.secrets.status(),
      hotkey: {
        accelerator: state.state.preferences.globalHotkey,
        enabled: state.state.preferences.globalHotkeyEnabled,
        registered: false,
        error: null,
      },
      chat: this.chat.snapshot(),
    });
    if (this.supervisor) this.attachSupervisor(this.supervisor);
    this.refreshOnboarding();
    this.publishWarnings();
  }

  /** Starts sidecars (when configured to), the connection monitor and the approval sync. */
  async start(autoStart: boolean): Promise<void> {
    if (this.supervisor) {
      const report = await this.supervisor.adoptOrReapLeftovers();
      const summary = [
        report.adopted.length ? `adopted ${report.adopted.join(', ')}` : '',
        report.reaped.length ? `reaped ${report.reaped.join(', ')}` : '',
      ].filter(Boolean);
      if (summary.length) this.parts.log(`leftover sidecars from an earlier run: ${summary.join('; ')}`);
      await this.nodeHost.refresh();
      if (autoStart) await this.startServices();
    }
    this.publishProfiles();
    this.monitor.start();
    this.approvalSync.start();
    this.sessionsTimer = setInterval(() => void this.refreshSessions(), SESSIONS_REFRESH_MS);
    this.sessionsTimer.unref?.();
  }

  // ---- CompanionCore ------------------------------------------------------------------------

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onNativeNotification(listener: (request: NativeNotificationRequest) => void): () => void {
    this.nativeListeners.add(listener);
    return () => this.nativeListeners.delete(listener);
  }

  /** The shell reports whether the global shortcut could be registered. */
  reportHotkeyStatus(status: HotkeyStatus): void {
    this.store.update({ hotkey: status });
  }

  snapshot(): CompanionSnapshot {
    this.store.flush();
    return this.store.get();
  }

  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      this.monitor.stop();
      this.approvalSync.stop();
      for (const t of [this.logTailTimer, this.policyTimer]) if (t) clearTimeout(t);
      if (this.sessionsTimer) clearInterval(this.sessionsTimer);
      try {
        await this.supervisor?.dispose({ stopServices: true });
      } finally {
        for (const d of this.disposers) d();
        this.store.dispose();
        await this.parts.state
          .persist()
          .catch((err: unknown) => this.parts.log(`could not save state: ${String(err)}`));
        this.parts.onShutdown?.();
      }
    })();
    return this.shuttingDown;
  }

  // ---- wiring -------------------------------------------------------------------------------

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (err) {
        this.parts.log(`event listener failed: ${String(err)}`);
      }
    }
  }

  private warn(message: string): void {
    this.parts.log(message);
    this.warnings.add(message);
    this.publishWarnings();
  }

  private publishWarnings(): void {
    this.store.update({ warnings: [...this.warnings].slice(-20) });
  }

  private gatewayDesired(): boolean {
    if (!this.parts.profiles.isLocal) return true;
    return this.supervisor?.snapshot().some((s) => s.kind === 'gateway' && s.desired) ?? false;
  }

  private attachSupervisor(supervisor: Supervisor): void {
    const displayName = (service: string): string =>
      supervisor.snapshot().find((s) => s.name === service)?.displayName ?? service;
    const publishServices = (): void => {
      const services = supervisor.snapshot();
      const gateway = services.find((s) => s.kind === 'gateway');
      this.store.update({ services, gatewayVersion: gateway?.version ?? null });
      this.refreshOnboarding();
    };
    this.disposers.push(
      supervisor.on('service', (svc: ServiceSnapshot) => {
        publishServices();
        if (svc.kind === 'gateway') this.monitor.probeNow();
        // Parked by the supervisor because it exited unpaired: the pairing card says why and offers Repair.
        if (svc.name === 'nodehost' && svc.state === 'failed' && svc.error?.code === 'nodehost_not_paired')
          void this.nodeHost.onNodeHostExited();
      }),
      supervisor.on('log', (lines) => {
        this.emit('log.lines', lines);
        this.logTail = [...this.logTail, ...lines].slice(-LOG_TAIL);
        this.scheduleLogTail();
      }),
      supervisor.on('crashed', (e) => {
        const name = displayName(e.service);
        const detail = e.detail;
        this.notify({
          type: 'service.crashed',
          service: e.service,
          displayName: name,
          detail,
          exitCode: e.exitCode,
          signal: e.signal,
        });
        if (e.service === 'nodehost') void this.nodeHost.onNodeHostExited();
        const exit: Record<string, string | number> =
          e.exitCode !== null ? { code: e.exitCode } : { signal: e.signal ?? '?' };
        void this.feed.add({
          kind: 'crash',
          title: `${name} crashed`,
          detail,
          service: e.service,
          code: 'crash',
          params: { name, ...exit },
        });
      }),
      supervisor.on('crash-looping', ({ service }) => {
        const name = displayName(service);
        const detail = `${name} failed repeatedly and will not be restarted until you press Retry.`;
        this.notify({ type: 'service.crash-looping', service, displayName: name, detail });
        void this.feed.add({
          kind: 'crash-loop',
          title: `${name} is crash-looping`,
          detail,
          service,
          code: 'crashLoop',
          params: { name },
        });
      }),
    );
    publishServices();
  }

  private scheduleLogTail(): void {
    if (this.logTailTimer) return;
    this.logTailTimer = setTimeout(() => {
      this.logTailTimer = null;
      this.store.update({ logsTail: this.logTail });
    }, LOG_TAIL_PUBLISH_MS);
    this.logTailTimer.unref?.();
  }

  private notify(event: CoreNotificationEvent): void {
    for (const request of this.policy.handle(event)) this.raise(request);
    this.schedulePolicyDrain();
  }

  private raise(request: NativeNotificationRequest): void {
    for (const l of this.nativeListeners) {
      try {
        l(request);
      } catch (err) {
        this.parts.log(`notification listener failed: ${String(err)}`);
      }
    }
  }

  private schedulePolicyDrain(): void {
    const due = this.policy.nextDueAtMs();
    if (due === null) return;
    if (this.policyTimer) clearTimeout(this.policyTimer);
    this.policyTimer = setTimeout(
      () => {
        this.policyTimer = null;
        for (const request of this.policy.drainDue()) this.raise(request);
        this.schedulePolicyDrain();
      },
      Math.max(0, due - Date.now()),
    );
    this.policyTimer.unref?.();
  }

  private onConnection(state: string, previous: string): void {
    this.store.update({ connection: this.monitor.snapshot() });
    // A lost connection is a suspicion: let the supervisor probe the gateway's health now
    // instead of at its next stable-interval probe.
    if (state !== 'connected' && this.gatewayDesired()) {
      const gateway = this.supervisor?.snapshot().find((s) => s.kind === 'gateway');
      if (gateway) this.supervisor?.suspect(gateway.name);
    }
    this.refreshOnboarding();
    if (state === 'connected' && previous !== 'connected') {
      if (this.everConnected) {
        this.notify({ type: 'gateway.online' });
        void this.feed.add({
          kind: 'connection',
          title: 'Gateway back online',
          detail: `Connection moved from ${previous} to connected.`,
          code: 'online',
          params: { previous },
        });
      }
      this.everConnected = true;
      void this.onConnected();
      if (this.parts.demo && !this.nodeHost.paired) this.enrollDemoNodeHost();
    }
  }

  private async onConnected(): Promise<void> {
    await Promise.allSettled([
      this.refreshSessions(),
      this.approvalSync.refreshNow({ full: true }),
      this.chat.loadTranscript(),
      this.providers.refresh(),
    ]);
    if (this.drafts.list().length > 0 && this.parts.state.state.rollout.offline_drafts_enabled) {
      try {
        const result = await this.drafts.flush();
        if (result.delivered > 0)
          this.parts.log(`delivered ${result.delivered} offline draft(s) after reconnecting`);
      } catch (err) {
        this.parts.log(`draft flush failed: ${String(err)}`);
      }
    }
  }

  private async refreshSessions(): Promise<void> {
    if (this.monitor.state !== 'connected') return;
    try {
      this.store.update({ sessions: await this.parts.client.listSessions() });
    } catch (err) {
      if (isDeliveryFailure(err)) this.monitor.markFailure(err);
    }
  }

  private refreshOnboarding(): void {
    const snap = this.store.get();
    const onboarding = buildOnboarding({
      progress: this.parts.state.state.onboarding,
      binaries: this.parts.binaries,
      requiredBinaries: this.parts.requiredBinaries,
      keychain: this.parts.secrets.status(),
      services: snap.services,
      connection: snap.connection,
      stateRoot: this.parts.runtimeRoot,
      defaultStateRoot: this.parts.defaultRuntimeRoot,
      providers: snap.providers,
    });
    // Called on every service and connection change (health probes included): publish only when
    // the wizard really changed, so patches do not carry it every second.
    if (JSON.stringify(onboarding) !== JSON.stringify(snap.onboarding)) this.store.update({ onboarding });
    this.store.update({ keychain: this.parts.secrets.status() });
    if (onboarding.completed && this.parts.state.state.onboarding.completedAtMs === null) {
      void this.parts.state.update((s) => ({
        ...s,
        onboarding: { ...s.onboarding, completedAtMs: Date.now() },
      }));
    }
  }

  private requireSupervisor(): Supervisor {
    // Missing binaries come first: with no Palyra installed, the keychain is not the next step.
    const missing = missingBinariesError(this.parts.binaries, this.parts.requiredBinaries);
    if (missing) throw new CompanionError(missing.code, missing.message, missing.hint);
    if (this.supervisor) return this.supervisor;
    throw (
      this.supervisorError ??
      new CompanionError(
        'sidecars_unavailable',
        'The sidecars cannot be started yet.',
        'Open Setup and do its first blocked step.',
      )
    );
  }

  private async startServices(): Promise<void> {
    const supervisor = this.requireSupervisor();
    for (const name of this.parts.autoStartServices) {
      // The node host only once paired: unpaired, `node run` exits at once (see node-host-lifecycle).
      if (name === 'nodehost' && !this.nodeHost.paired) continue;
      await supervisor
        .start(name)
        .catch((err: unknown) => this.parts.log(`could not start ${name}: ${String(err)}`));
    }
  }

  private async ensureSupervisor(): Promise<void> {
    if (this.supervisor) return;
    this.parts.secrets.recheck();
    try {
      this.supervisor = await this.parts.createSupervisor();
      this.supervisorError = null;
    } catch (err) {
      this.store.update({ keychain: this.parts.secrets.status() });
      this.refreshOnboarding();
      throw err;
    }
    this.attachSupervisor(this.supervisor);
    await this.startServices();
  }

  // ---- node host and connection profiles (node-host-lifecycle.ts, profile-switch.ts) ----------

  private createNodeHostLifecycle(): NodeHostLifecycle {
    const running = (kind: string) =>
      this.supervisor?.snapshot().some((s) => s.kind === kind && s.state === 'running') ?? false;
    return new NodeHostLifecycle({
      cli: this.parts.nodeCli,
      api: new NodePairingApi(this.parts.client),
      nodeRpcUrl: this.parts.nodeRpcUrl,
      isLocal: () => this.parts.profiles.isLocal,
      gatewayRunning: () => running('gateway'),
      startNodeHost: async () => this.supervisor?.start('nodehost'),
      stopNodeHost: async () => this.supervisor?.stop('nodehost'),
      recentNodeHostLines: () => this.supervisor?.logs({ service: 'nodehost', limit: 40 }) ?? [],
      openPairingWindow: () =>
        openPairingWindow({
          supervisor: this.requireSupervisor(),
          gatewayEnv: this.parts.gatewayEnv() ?? {},
        }),
      onChange: (nodeHost) => this.store.update({ nodeHost }),
      log: this.parts.log,
    });
  }

  /** Demo mode pairs the simulated node host on its own, through the same Enroll flow. */
  private enrollDemoNodeHost(): void {
    void this.nodeHost
      .enroll()
      .catch((err: unknown) => this.parts.log(`demo node host enrollment: ${String(err)}`));
  }

  private publishProfiles(): void {
    this.store.update({ profiles: this.parts.profiles.view(), nodeHost: this.nodeHost.view() });
  }

  private profileSwitchHost() {
    return {
      profiles: this.parts.profiles,
      log: this.parts.log,
      publish: () => this.publishProfiles(),
      stopSupervision: async () => {
        const old = this.supervisor;
        this.supervisor = null;
        if (!old) return [];
        const pids = old.snapshot().flatMap((s) => (s.pid === null ? [] : [s.pid]));
        await old.dispose({ stopServices: true });
        this.store.update({ services: [], gatewayVersion: null });
        return pids.filter(isProcessAlive);
      },
      retargetGateway: () => {
        const { profiles } = this.parts;
        if (!profiles.isLocal) this.supervisorError = remoteProfileError(profiles.active.label);
        this.parts.client.transport.retarget(profiles.daemonUrl);
        this.store.update({ dashboardUrl: `${this.parts.client.baseUrl}/#/control/overview` });
        this.monitor.probeNow();
      },
      startSupervision: async () => {
        this.supervisor = await this.parts.createSupervisor();
        this.supervisorError = null;
        this.attachSupervisor(this.supervisor);
        await this.nodeHost.refresh();
        await this.startServices();
      },
    };
  }

  private createHandlers(): ContractHandlers {
    const supervisorAction = async (
      verb: 'start' | 'stop' | 'restart' | 'retry',
      service: string,
    ): Promise<ActionResult> => {
      const supervisor = this.requireSupervisor();
      if (service === 'nodehost' && verb !== 'stop') this.nodeHost.assertStartable();
      await supervisor[verb](service);
      return ok(`${verb} ${service}: done`);
    };
    return {
      'snapshot.get': async () => this.snapshot(),
      'service.start': ({ service }) => supervisorAction('start', service),
      'service.stop': ({ service }) => supervisorAction('stop', service),
      'service.restart': ({ service }) => supervisorAction('restart', service),
      'service.retry': ({ service }) => supervisorAction('retry', service),
      'services.startAll': async () => {
        await this.startServices();
        return ok('Starting all sidecars.');
      },
      'services.stopAll': async () => {
        await this.requireSupervisor().stopAll();
        return ok('All sidecars stopped.');
      },
      'services.restartAll': async () => {
        await this.requireSupervisor().stopAll();
        await this.startServices();
        return ok('All sidecars restarted.');
      },
      'logs.get': async (query) => this.supervisor?.logs(query) ?? [],
      'chat.createSession': async ({ label }) => this.chat.createSession(label),
      'chat.selectSession': async ({ sessionId }) => {
        await this.chat.selectSession(sessionId);
        return ok('Session selected.');
      },
      'chat.send': ({ sessionId, text }) => this.chat.send(sessionId, text),
      'approval.decide': async ({ approvalId, approved, scope, ttlMs, reason }) => {
        if (!this.inbox.get(approvalId)) {
          throw new CompanionError(
            'approval_not_pending',
            'That approval is no longer pending (it was decided elsewhere or timed out).',
            'Nothing was changed; the inbox refreshes automatically.',
          );
        }
        await this.inbox.decide(
          approvalId,
          { approved, scope, ttlMs, reason },
          async (_approval, decision) => {
            await this.parts.client.decideApproval(approvalId, decision);
          },
        );
        // Send the removal to the UIs now, before the follow-up read below parses its reply.
        this.store.flush();
        void this.approvalSync.refreshNow();
        return ok(`${approved ? 'Approved' : 'Denied'} (${scope}).`);
      },
      'draft.resend': async ({ draftId }) => {
        const attempt = await this.drafts.resend(draftId);
        if (!attempt.delivered) {
          throw new CompanionError(
            'draft_not_delivered',
            `The draft is still queued: ${attempt.error ?? 'the gateway did not accept it'}.`,
            'It is sent automatically once the gateway is reachable; you can also try again.',
          );
        }
        return { runId: attempt.runId, sessionId: attempt.sessionId, queuedDraft: null };
      },
      'draft.discard': async ({ draftId }) => {
        const found = await this.drafts.discard(draftId);
        return ok(found ? 'Draft discarded.' : 'That draft was already gone.');
      },
      'drafts.flush': () => this.drafts.flush(),
      'dashboard.open': async ({ section }) => {
        this.requireSupervisor();
        const handoff = await this.parts.client.dashboardHandoff(section ?? null);
        // Palyra's "Dashboard hand-off" step: done once the dashboard was opened from here.
        if (this.parts.state.state.onboarding.dashboardHandoffAtMs === null) {
          await this.parts.state.update((s) => ({
            ...s,
            onboarding: { ...s.onboarding, dashboardHandoffAtMs: Date.now() },
          }));
        }
        return { url: handoff.url, expiresAtMs: handoff.expiresAtMs };
      },
      'settings.save': async ({ rollout, preferences }) => {
        await this.parts.state.update((s) => ({
          ...s,
          rollout: { ...s.rollout, ...rollout },
          preferences: { ...s.preferences, ...preferences },
        }));
        return ok('Settings saved.');
      },
      'onboarding.acknowledgeWelcome': async () => {
        await this.parts.state.update((s) =>
          s.onboarding.welcomeAcknowledgedAtMs !== null
            ? s
            : { ...s, onboarding: { ...s.onboarding, welcomeAcknowledgedAtMs: Date.now() } },
        );
        return ok('Welcome acknowledged.');
      },
      'onboarding.setStateRoot': async ({ path }) => {
        const chosen = path === null ? null : validateRuntimeRootOverride(path);
        await this.parts.state.update((s) => ({
          ...s,
          runtimeStateRoot: chosen,
          onboarding: { ...s.onboarding, stateRootConfirmedAtMs: Date.now() },
        }));
        const changed = (chosen ?? this.parts.defaultRuntimeRoot) !== this.parts.runtimeRoot;
        return ok(
          changed
            ? 'State root saved. It applies the next time the companion starts the sidecars (restart the companion).'
            : 'State root confirmed.',
        );
      },
      'onboarding.useInsecureSecretStore': async () => {
        await this.parts.state.update((s) => ({ ...s, insecureSecretStoreAccepted: true }));
        await this.ensureSupervisor();
        return ok('Tokens are kept in an owner-only file because no keychain is available.');
      },
      'onboarding.recheck': async () => {
        if (!this.supervisor) await this.ensureSupervisor();
        this.monitor.probeNow();
        await this.providers.refresh();
        this.refreshOnboarding();
        return ok('Checked again.');
      },
      'notifications.markRead': async ({ ids }) => {
        const count = await this.feed.markRead(ids);
        return ok(`${count} notification(s) marked read.`);
      },
      'node.enroll': async () => ok(await this.nodeHost.enroll()),
      'node.repair': async () => ok(await this.nodeHost.repair()),
      'node.reset': async () => ok(await this.nodeHost.reset()),
      'profile.switch': (input) => switchProfile(this.profileSwitchHost(), input),
      ...providerHandlers(this.providers, this.parts.state),
      'voice.transcribe': (input) => this.voice.transcribe(input),
      'voice.update': (input) => this.voice.update(input),
    };
  }
}
