// An in-memory companion for `vite dev` and component tests: it answers every contract call by
// changing its snapshot and pushing `snapshot.patch` events, like core does. It records every call
// so tests can assert the exact parameters the UI sent. Test tooling — never the product.
import { ContractError } from '../../../../main/contract/client';
import type { CallName, CallParams, CallResult } from '../../../../main/contract/calls';
import { applyPatch, type EventName, type EventPayloads } from '../../../../main/contract/events';
import type {
  ActionableError,
  CompanionSnapshot,
  OfflineDraft,
  SnapshotKey,
  SnapshotPatch,
} from '../../../../main/contract/model';
import { EventHub } from './event-hub';
import { fakeProviderHandlers } from './fake-providers';
import { LinkHub } from './link-hub';
import { createSampleSnapshot } from './sample-snapshot';
import { applyVoiceUpdate } from './fake-voice';
import { openLink, type LinkStatus, type TrayClient } from './tray-client';

export interface RecordedCall {
  name: CallName;
  params: unknown;
}

type Handler = (params: never) => unknown;

export class FakeClient implements TrayClient {
  readonly transport = 'fake' as const;
  readonly calls: RecordedCall[] = [];
  /** When false, chat.send and draft.resend queue offline drafts instead of delivering. */
  gatewayOnline = true;
  /** What voice.transcribe returns; set `transcribeFailure` to make it fail instead. */
  transcriptText = 'Summarise the open approvals';
  transcribeFailure: ActionableError | null = null;
  private readonly events = new EventHub();
  private readonly link = new LinkHub(openLink);
  private readonly failures = new Map<CallName, ActionableError>();
  private readonly holds = new Map<CallName, Promise<void>>();
  private nextId = 1;

  /** `simulateReplies` streams a canned assistant reply after each send (for `vite dev`). */
  constructor(
    public snapshot: CompanionSnapshot = createSampleSnapshot(),
    private readonly options: { simulateReplies?: boolean } = {},
  ) {}

  private streamReply(sessionId: string, runId: string): void {
    const words = 'Sure — here is what I found. The gateway is healthy and no approvals are overdue.'.split(
      ' ',
    );
    let i = 0;
    const tick = () => {
      if (i < words.length) {
        this.emit('chat.stream', { sessionId, runId, kind: 'token', text: (i ? ' ' : '') + words[i++] });
        setTimeout(tick, 80);
        return;
      }
      this.emit('chat.stream', { sessionId, runId, kind: 'complete', text: 'complete' });
      const reply = {
        id: this.id('msg'),
        role: 'assistant' as const,
        text: words.join(' '),
        atMs: Date.now(),
        runId,
      };
      this.patch({ chat: { ...this.snapshot.chat, messages: [...this.snapshot.chat.messages, reply] } });
    };
    setTimeout(tick, 200);
  }

  async call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>> {
    this.calls.push({ name, params: structuredClone(params) });
    const hold = this.holds.get(name);
    if (hold) {
      this.holds.delete(name);
      await hold;
    }
    const failure = this.failures.get(name);
    if (failure) {
      this.failures.delete(name);
      throw new ContractError(failure);
    }
    const handler = this.handlers[name] as Handler;
    return (await handler(params as never)) as CallResult<K>;
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
    return this.events.on(event, handler);
  }

  onLink(handler: (status: LinkStatus) => void): () => void {
    return this.link.subscribe(handler);
  }

  close(): void {}

  // ---- test controls ----

  /** The next call of `name` rejects with this error. */
  failNext(name: CallName, error: ActionableError): void {
    this.failures.set(name, error);
  }

  /** The next call of `name` waits until the returned function is called. */
  holdNext(name: CallName): () => void {
    let release = () => {};
    this.holds.set(name, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.emit(event, payload);
  }

  setLink(status: LinkStatus): void {
    this.link.set(status);
  }

  /** Changes top-level snapshot keys and pushes the matching patch, like core. */
  patch(changes: Omit<SnapshotPatch, 'revision'>): SnapshotPatch {
    const patch: SnapshotPatch = { revision: this.snapshot.revision + 1, ...changes };
    this.snapshot = { ...applyPatch(this.snapshot, patch), generatedAtMs: Date.now() };
    this.events.emit('snapshot.patch', patch);
    return patch;
  }

  callsOf(name: CallName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.params);
  }

  private id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  private ok(message: string) {
    return { ok: true as const, message };
  }

  private setService(service: string, change: Partial<CompanionSnapshot['services'][number]>) {
    const known = this.snapshot.services.some((s) => s.name === service);
    if (!known) {
      throw new ContractError({
        code: 'unknown_service',
        message: `There is no service called ${service}.`,
        hint: 'Pick a service from the list.',
      });
    }
    this.patch({
      services: this.snapshot.services.map((s) => (s.name === service ? { ...s, ...change } : s)),
    });
  }

  private queueDraft(sessionId: string | null, text: string, reason: string): OfflineDraft {
    const draft: OfflineDraft = {
      draftId: this.id('draft'),
      sessionId,
      text,
      reason,
      createdAtMs: Date.now(),
      attempts: 1,
      lastError: reason,
    };
    this.patch({ drafts: [...this.snapshot.drafts, draft] });
    return draft;
  }

  private readonly handlers: { [K in CallName]: (params: CallParams<K>) => CallResult<K> } = {
    'snapshot.get': () => this.snapshot,
    'service.start': ({ service }) => {
      this.setService(service, {
        desired: true,
        state: 'running',
        pid: 5000 + this.nextId++,
        startedAtMs: Date.now(),
      });
      return this.ok(`Started ${service}.`);
    },
    'service.stop': ({ service }) => {
      this.setService(service, { desired: false, state: 'stopped', pid: null, startedAtMs: null });
      return this.ok(`Stopped ${service}.`);
    },
    'service.restart': ({ service }) => {
      this.setService(service, { state: 'running', pid: 5000 + this.nextId++, startedAtMs: Date.now() });
      return this.ok(`Restarted ${service}.`);
    },
    'service.retry': ({ service }) => {
      this.setService(service, { desired: true, state: 'starting', restartAttempt: 0, error: null });
      return this.ok(`Retrying ${service}.`);
    },
    'services.startAll': () => {
      this.patch({
        services: this.snapshot.services.map((s) => ({ ...s, desired: true, state: 'running' as const })),
      });
      return this.ok('Started all services.');
    },
    'services.stopAll': () => {
      this.patch({
        services: this.snapshot.services.map((s) => ({
          ...s,
          desired: false,
          state: 'stopped' as const,
          pid: null,
        })),
      });
      return this.ok('Stopped all services.');
    },
    'services.restartAll': () => this.ok('Restarted all services.'),
    'logs.get': ({ service, stream, limit }) =>
      this.snapshot.logsTail
        .filter((l) => (!service || l.service === service) && (!stream || l.stream === stream))
        .slice(-(limit ?? 500)),
    'chat.createSession': ({ label }) => {
      const session = {
        sessionId: this.id('sess'),
        sessionKey: this.id('key'),
        title: label || 'New session',
        label: label ?? null,
        updatedAtMs: Date.now(),
        preview: null,
        pendingApprovals: 0,
      };
      this.patch({
        sessions: [session, ...this.snapshot.sessions],
        chat: { ...this.snapshot.chat, activeSessionId: session.sessionId, messages: [], streaming: null },
      });
      return session;
    },
    'chat.selectSession': ({ sessionId }) => {
      this.patch({
        chat: { ...this.snapshot.chat, activeSessionId: sessionId, messages: [], streaming: null },
      });
      return this.ok('Selected.');
    },
    'chat.send': ({ sessionId, text }) => {
      if (!this.gatewayOnline) {
        return {
          runId: null,
          queuedDraft: this.queueDraft(sessionId, text, 'gateway unreachable'),
          sessionId,
        };
      }
      const runId = this.id('run');
      const message = { id: this.id('msg'), role: 'user' as const, text, atMs: Date.now(), runId: null };
      this.patch({ chat: { ...this.snapshot.chat, messages: [...this.snapshot.chat.messages, message] } });
      if (this.options.simulateReplies && sessionId) this.streamReply(sessionId, runId);
      return { runId, queuedDraft: null, sessionId };
    },
    'approval.decide': ({ approvalId, approved }) => {
      this.patch({ approvalPatches: [{ op: 'remove', approvalId }] });
      return this.ok(approved ? 'Approved.' : 'Denied.');
    },
    'draft.resend': ({ draftId }) => {
      const draft = this.snapshot.drafts.find((d) => d.draftId === draftId);
      if (!draft) {
        throw new ContractError({
          code: 'draft_missing',
          message: 'That draft is gone.',
          hint: 'Refresh the list.',
        });
      }
      if (!this.gatewayOnline) {
        this.patch({
          drafts: this.snapshot.drafts.map((d) =>
            d.draftId === draftId ? { ...d, attempts: d.attempts + 1 } : d,
          ),
        });
        return { runId: null, queuedDraft: draft, sessionId: draft.sessionId };
      }
      this.patch({ drafts: this.snapshot.drafts.filter((d) => d.draftId !== draftId) });
      return { runId: this.id('run'), queuedDraft: null, sessionId: draft.sessionId };
    },
    'draft.discard': ({ draftId }) => {
      this.patch({ drafts: this.snapshot.drafts.filter((d) => d.draftId !== draftId) });
      return this.ok('Discarded.');
    },
    'drafts.flush': () => ({ delivered: 0, remaining: this.snapshot.drafts.length }),
    'dashboard.open': () => ({
      url: 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=fake',
      expiresAtMs: Date.now() + 60_000,
    }),
    'settings.save': ({ rollout, preferences }) => {
      const changes: Partial<Pick<CompanionSnapshot, SnapshotKey>> = {};
      if (rollout) changes.rollout = { ...this.snapshot.rollout, ...rollout };
      if (preferences) {
        changes.preferences = { ...this.snapshot.preferences, ...preferences };
        changes.hotkey = {
          ...this.snapshot.hotkey,
          accelerator: changes.preferences.globalHotkey,
          enabled: changes.preferences.globalHotkeyEnabled,
        };
      }
      this.patch(changes);
      return this.ok('Settings saved.');
    },
    'onboarding.acknowledgeWelcome': () => this.ok('Welcome acknowledged.'),
    'onboarding.setStateRoot': ({ path }) => {
      const o = this.snapshot.onboarding;
      this.patch({
        onboarding: { ...o, stateRoot: path ?? o.defaultStateRoot, stateRootOverridden: path !== null },
      });
      return this.ok('State root saved.');
    },
    'onboarding.useInsecureSecretStore': () => {
      this.patch({
        keychain: {
          backend: 'insecure-file',
          insecure: true,
          detail: '0600 file in the state root',
          error: null,
        },
      });
      return this.ok('Using the insecure file store.');
    },
    'onboarding.recheck': () => this.ok('Checked again.'),
    'notifications.markRead': ({ ids }) => {
      this.patch({
        notifications: this.snapshot.notifications.map((n) =>
          !ids || ids.includes(n.id) ? { ...n, read: true } : n,
        ),
      });
      return this.ok('Marked read.');
    },
    'node.enroll': () => this.pairNodeHost('Node host enrolled.'),
    'node.repair': () => this.pairNodeHost('Node host repaired.'),
    'node.reset': () => {
      this.patch({
        nodeHost: {
          ...this.snapshot.nodeHost,
          state: 'not_paired',
          detail: 'Not paired: the node host is not enrolled with this gateway.',
          deviceId: null,
          grpcUrl: null,
          certExpiresAtMs: null,
          actions: ['enroll'],
        },
      });
      this.setService('nodehost', { desired: false, state: 'stopped', pid: null, startedAtMs: null });
      return this.ok('node host configuration and local identity material removed');
    },
    'profile.switch': ({ profileName, allowStrict }) => {
      const target = this.snapshot.profiles.profiles.find((p) => p.name === profileName);
      if (!target) {
        throw new ContractError({
          code: 'profile_unknown',
          message: `There is no connection profile named '${profileName}'.`,
          hint: 'Pick one from the list.',
        });
      }
      if (target.strictMode && allowStrict !== true) {
        throw new ContractError({
          code: 'strict_profile_confirmation',
          message: `'${target.label}' is a strict profile and requires explicit confirmation.`,
          hint: 'Confirm the switch in the profile picker.',
        });
      }
      const profiles = this.snapshot.profiles.profiles.map((p) => ({ ...p, active: p.name === profileName }));
      this.patch({
        profiles: { ...this.snapshot.profiles, active: profileName, profiles },
        ...(target.mode === 'remote' ? { services: [] } : {}),
      });
      return this.ok(`Switched to '${target.label}'.`);
    },
    ...fakeProviderHandlers({ snapshot: () => this.snapshot, patch: (changes) => void this.patch(changes) }),
    'voice.update': (params) => {
      this.patch({ voice: applyVoiceUpdate(this.snapshot.voice, params, Date.now()) });
      return this.ok('Voice settings saved.');
    },
    'voice.transcribe': ({ sessionId, filename }) => {
      if (!this.snapshot.rollout.voice_capture_enabled || this.snapshot.voice.captureConsentAtMs === null) {
        throw new ContractError({
          code: 'voice_consent_required',
          message: 'Voice capture needs your consent first.',
          hint: 'Press the microphone button and accept the consent question.',
        });
      }
      if (this.transcribeFailure) throw new ContractError(this.transcribeFailure);
      return {
        sessionId: sessionId ?? this.snapshot.chat.activeSessionId ?? 's-voice',
        attachmentId: this.id('att'),
        derivedArtifactId: this.id('der'),
        text: this.transcriptText,
        language: 'en',
        durationMs: 2400,
        processingMs: 40,
        privacyNote: `${filename} was transcribed by the gateway.`,
      };
    },
  };

  private pairNodeHost(message: string) {
    this.patch({
      nodeHost: {
        ...this.snapshot.nodeHost,
        state: 'paired',
        detail: 'Paired with this gateway.',
        deviceId: this.snapshot.nodeHost.deviceId ?? '01JZ8X6Q3V4N5M6K7J8H9G0F1E',
        actions: ['repair', 'reset'],
        error: null,
      },
    });
    return this.ok(message);
  }
}
