// A small CompanionCore for shell tests: records calls, answers with configured results, and lets
// the test push events and native notification requests.
import {
  callNames,
  type CallName,
  type CallResults,
  type ContractHandlers,
} from '../../../main/contract/calls';
import type { CompanionCore } from '../../../main/contract/dispatch';
import type { EventName, EventPayloads } from '../../../main/contract/events';
import type { CompanionSnapshot, HotkeyStatus } from '../../../main/contract/model';
import type { NativeNotificationRequest } from '../../../main/contract/native';
import { CompanionError } from '../../../main/core/errors';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export function makeSnapshot(overrides: Partial<CompanionSnapshot> = {}): CompanionSnapshot {
  return {
    revision: 1,
    generatedAtMs: 1_700_000_000_000,
    demo: false,
    overall: 'healthy',
    services: [],
    connection: {
      state: 'connected',
      lastConnectedAtMs: 1_700_000_000_000,
      nextRetryAtMs: null,
      error: null,
    },
    gatewayVersion: '0.9.0',
    approvals: [],
    sessions: [],
    chat: { activeSessionId: null, messages: [], streaming: null, error: null },
    drafts: [],
    notifications: [],
    onboarding: {
      completed: true,
      steps: [],
      binaries: [],
      stateRoot: '/tmp/state',
      defaultStateRoot: '/tmp/state',
      stateRootOverridden: false,
    },
    rollout: {
      companion_shell_enabled: true,
      ambient_companion_enabled: true,
      desktop_notifications_enabled: true,
      offline_drafts_enabled: true,
      voice_capture_enabled: false,
      voice_overlay_enabled: false,
      voice_silence_detection_enabled: true,
      tts_playback_enabled: false,
      release_channel: 'stable',
    },
    preferences: {
      globalHotkey: 'CommandOrControl+Shift+Space',
      globalHotkeyEnabled: true,
      startAtLogin: false,
      theme: 'system',
      logFilesEnabled: false,
    },
    keychain: { backend: 'os-keychain', insecure: false, detail: 'test', error: null },
    hotkey: { accelerator: 'CommandOrControl+Shift+Space', enabled: true, registered: false, error: null },
    dashboardUrl: 'http://127.0.0.1:7142/#/control/overview',
    logsTail: [],
    warnings: [],
    ...overrides,
  };
}

export function makeApproval(approvalId: string): CompanionSnapshot['approvals'][number] {
  return {
    approvalId,
    title: `Run tool for ${approvalId}`,
    riskLevel: 'medium',
    summary: 'shell.exec ls',
    subjectType: 'tool',
    subjectId: 'shell.exec',
    toolName: 'shell.exec',
    sessionId: null,
    runId: null,
    principal: 'operator',
    requestedAtMs: 1_700_000_000_000,
    expiresAtMs: null,
    policyExplanation: null,
    options: [],
    busy: false,
    error: null,
  };
}

export class FakeCore implements CompanionCore {
  readonly calls: { name: CallName; params: unknown }[] = [];
  readonly results: Partial<{ [K in CallName]: CallResults[K] | Error }> = {};
  readonly hotkeyReports: HotkeyStatus[] = [];
  readonly handlers: ContractHandlers;
  snapshot: CompanionSnapshot = makeSnapshot();
  shutdownCalls = 0;
  /** Resolve to let shutdown finish; a test can hold it open to check that quit waits. */
  shutdownGate: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private readonly nativeListeners = new Set<(request: NativeNotificationRequest) => void>();

  constructor() {
    const handlers: Record<string, (params: unknown) => Promise<unknown>> = {};
    for (const name of callNames) {
      handlers[name] = async (params: unknown) => {
        this.calls.push({ name, params });
        if (name === 'snapshot.get') return this.snapshot;
        const result = this.results[name];
        if (result instanceof Error) throw result;
        if (result === undefined) {
          throw new CompanionError(
            'not_configured',
            `fake core has no result for ${name}`,
            'configure the test',
          );
        }
        return result;
      };
    }
    this.handlers = handlers as unknown as ContractHandlers;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onNativeNotification(listener: (request: NativeNotificationRequest) => void): () => void {
    this.nativeListeners.add(listener);
    return () => this.nativeListeners.delete(listener);
  }

  async shutdown(): Promise<void> {
    this.shutdownCalls++;
    await this.shutdownGate;
  }

  reportHotkeyStatus(status: HotkeyStatus): void {
    this.hotkeyReports.push(status);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Publishes a changed snapshot as core would: a patch with a higher revision. */
  patch(changes: Partial<CompanionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes, revision: this.snapshot.revision + 1 };
    this.emit('snapshot.patch', { revision: this.snapshot.revision, ...changes });
  }

  raise(request: NativeNotificationRequest): void {
    for (const listener of this.nativeListeners) listener(request);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}

export function approvalRequest(
  approvalId: string,
  key = `approval:${approvalId}`,
): NativeNotificationRequest {
  return {
    key,
    kind: 'approval',
    title: 'Approval needed',
    body: `shell.exec wants to run (${approvalId})`,
    actions: [
      { id: 'approve', label: 'Approve' },
      { id: 'deny', label: 'Deny' },
    ],
    approvalId,
    urgency: 'critical',
    view: 'approvals',
  };
}

/** Polls until `check` passes (or throws its last error after the timeout). */
export async function waitFor(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
