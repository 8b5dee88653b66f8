// A complete, valid snapshot before anything is known: what the UI renders on its first frame.
import type {
  CompanionSnapshot,
  NodeHostPairing,
  ProfilesSnapshot,
  ProvidersSnapshot,
} from '../../contract/model';
import { DEFAULT_VOICE } from '../../contract/voice';
import { DEFAULT_PREFERENCES, DEFAULT_ROLLOUT } from '../state/schema';

export const INITIAL_NODE_HOST: NodeHostPairing = {
  state: 'not_paired',
  detail: 'The node host pairing has not been checked yet.',
  deviceId: null,
  grpcUrl: null,
  certExpiresAtMs: null,
  actions: [],
  busy: null,
  error: null,
};

export const INITIAL_PROFILES: ProfilesSnapshot = {
  active: 'desktop-local',
  profiles: [],
  path: null,
  switching: false,
  error: null,
};

/** Nothing asked yet: the provider steps fill in once the console session exists. */
export function initialProviders(): ProvidersSnapshot {
  return {
    openai: {
      available: false,
      state: 'unknown',
      note: null,
      defaultProfileId: null,
      oauthSupported: false,
      profiles: [],
      oauth: null,
      busy: null,
      lastMessage: null,
      error: null,
    },
    discord: { available: false, accounts: [], preflight: null, busy: null, lastMessage: null, error: null },
  };
}

export function initialSnapshot(input: {
  stateRoot: string;
  defaultStateRoot: string;
  dashboardUrl: string;
  demo?: boolean;
  now?: number;
}): CompanionSnapshot {
  return {
    revision: 0,
    generatedAtMs: input.now ?? Date.now(),
    demo: input.demo ?? false,
    overall: 'stopped',
    services: [],
    connection: { state: 'offline', lastConnectedAtMs: null, nextRetryAtMs: null, error: null },
    gatewayVersion: null,
    approvals: [],
    sessions: [],
    chat: { activeSessionId: null, messages: [], streaming: null, error: null },
    drafts: [],
    notifications: [],
    onboarding: {
      completed: false,
      steps: [],
      binaries: [],
      stateRoot: input.stateRoot,
      defaultStateRoot: input.defaultStateRoot,
      stateRootOverridden: input.stateRoot !== input.defaultStateRoot,
    },
    rollout: { ...DEFAULT_ROLLOUT },
    preferences: { ...DEFAULT_PREFERENCES },
    keychain: {
      backend: 'unavailable',
      insecure: false,
      detail: 'The keychain has not been checked yet.',
      error: null,
    },
    hotkey: {
      accelerator: DEFAULT_PREFERENCES.globalHotkey,
      enabled: DEFAULT_PREFERENCES.globalHotkeyEnabled,
      registered: false,
      error: null,
    },
    dashboardUrl: input.dashboardUrl,
    logsTail: [],
    warnings: [],
    nodeHost: { ...INITIAL_NODE_HOST },
    profiles: { ...INITIAL_PROFILES },
    providers: initialProviders(),
    voice: { ...DEFAULT_VOICE, auditLog: [] },
  };
}
