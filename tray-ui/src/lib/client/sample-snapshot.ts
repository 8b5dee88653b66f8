// Realistic sample data for `vite dev` and component tests: three sidecars, a few approvals,
// a chat session, onboarding mid-way. Everything is derived from `nowMs` so ages look alive.
import type {
  ApprovalView,
  CompanionSnapshot,
  HealthProbe,
  RiskLevel,
  ServiceSnapshot,
} from '../../../../main/contract/model';
import { DEFAULT_VOICE, type VoiceSnapshot } from '../../../../main/contract/voice';

export function sampleHealthHistory(nowMs: number, count = 24): HealthProbe[] {
  return Array.from({ length: count }, (_, i) => ({
    atMs: nowMs - (count - i) * 5000,
    ok: i !== count - 6,
    latencyMs: 4 + ((i * 7) % 11),
    ...(i === count - 6 ? { detail: 'connect ECONNREFUSED 127.0.0.1' } : {}),
  }));
}

export function sampleService(
  name: string,
  overrides: Partial<ServiceSnapshot> = {},
  nowMs = Date.now(),
): ServiceSnapshot {
  const kind = name === 'gateway' || name === 'browserd' || name === 'nodehost' ? name : 'extra';
  const displayName =
    { gateway: 'Gateway (palyrad)', browserd: 'Browser service', nodehost: 'Node host' }[name] ?? name;
  return {
    name,
    kind,
    displayName,
    desired: true,
    state: 'running',
    health: 'healthy',
    pid: 4000 + [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0),
    startedAtMs: nowMs - 3_725_000,
    version: '0.9.2',
    restartAttempt: 0,
    nextRestartAtMs: null,
    lastExit: null,
    ports: name === 'gateway' ? [7142, 7443] : [],
    adopted: false,
    binaryPath: `/usr/local/bin/${name === 'gateway' ? 'palyrad' : name}`,
    error: null,
    healthHistory: sampleHealthHistory(nowMs),
    ...overrides,
  };
}

const risks: RiskLevel[] = ['low', 'medium', 'high', 'critical', 'unspecified'];

/** Palyra's default prompt options plus a timeboxed one, as palyrad sends them. */
export const SAMPLE_OPTIONS: ApprovalView['options'] = [
  {
    optionId: 'allow_once',
    label: 'Allow once',
    description: 'Approve this single action',
    scope: 'once',
    approved: true,
    ttlMs: null,
    defaultSelected: true,
  },
  {
    optionId: 'allow_session',
    label: 'Allow for session',
    description: 'Remember approval for this session',
    scope: 'session',
    approved: true,
    ttlMs: null,
    defaultSelected: false,
  },
  {
    optionId: 'allow_timeboxed',
    label: 'Allow for 10 minutes',
    description: 'Allow this tool for ten minutes',
    scope: 'timeboxed',
    approved: true,
    ttlMs: 600_000,
    defaultSelected: false,
  },
  {
    optionId: 'deny_once',
    label: 'Deny',
    description: 'Reject this action',
    scope: 'once',
    approved: false,
    ttlMs: null,
    defaultSelected: false,
  },
];

export function sampleApproval(
  index: number,
  nowMs = Date.now(),
  overrides: Partial<ApprovalView> = {},
): ApprovalView {
  const requestedAtMs = nowMs - (index + 1) * 45_000;
  return {
    approvalId: `apr-${String(index).padStart(4, '0')}`,
    title: `Run shell command #${index + 1}`,
    riskLevel: risks[index % risks.length] ?? 'unspecified',
    summary: 'Tool `shell.exec` requested explicit approval',
    subjectType: 'tool',
    subjectId: `tool-call-${index}`,
    toolName: 'shell.exec',
    sessionId: 'sess-main',
    runId: `run-${index}`,
    principal: 'agent:default',
    requestedAtMs,
    expiresAtMs: requestedAtMs + 15 * 60_000,
    policyExplanation: 'Sensitive tool actions are deny-by-default until explicitly approved',
    input: { command: 'git', args: ['push', 'origin', `feature-${index}`], cwd: '~/src/project' },
    inputSummary: `command: "git" · args: ["push","origin","feature-${index}"] · cwd: "~/src/project"`,
    options: SAMPLE_OPTIONS,
    busy: false,
    error: null,
    ...overrides,
  };
}

export function createSampleSnapshot(
  overrides: Partial<CompanionSnapshot> = {},
  nowMs = Date.now(),
): CompanionSnapshot {
  return {
    revision: 1,
    generatedAtMs: nowMs,
    demo: true,
    overall: 'healthy',
    services: [
      sampleService('gateway', {}, nowMs),
      sampleService('browserd', {}, nowMs),
      sampleService('nodehost', {}, nowMs),
    ],
    connection: { state: 'connected', lastConnectedAtMs: nowMs - 60_000, nextRetryAtMs: null, error: null },
    gatewayVersion: '0.9.2',
    approvals: [sampleApproval(0, nowMs), sampleApproval(2, nowMs)],
    sessions: [
      {
        sessionId: 'sess-main',
        sessionKey: 'main',
        title: 'Release prep',
        label: 'release',
        updatedAtMs: nowMs - 120_000,
        preview: 'Draft the changelog for 0.9.2',
        pendingApprovals: 2,
      },
      {
        sessionId: 'sess-notes',
        sessionKey: 'notes',
        title: 'Meeting notes',
        label: null,
        updatedAtMs: nowMs - 3_600_000,
        preview: null,
        pendingApprovals: 0,
      },
    ],
    chat: {
      activeSessionId: 'sess-main',
      messages: [
        { id: 'm1', role: 'user', text: 'Draft the changelog for 0.9.2', atMs: nowMs - 180_000, runId: null },
        {
          id: 'm2',
          role: 'assistant',
          text: 'Here is a first draft: fixed reconnect backoff, added offline drafts.',
          atMs: nowMs - 170_000,
          runId: 'run-a',
        },
      ],
      streaming: null,
      error: null,
    },
    drafts: [],
    notifications: [
      {
        id: 'n1',
        kind: 'approval',
        title: 'Approval needed',
        detail: 'Run shell command #1',
        createdAtMs: nowMs - 45_000,
        read: false,
        approvalId: 'apr-0000',
      },
      {
        id: 'n2',
        kind: 'connection',
        title: 'Gateway connected',
        detail: '',
        createdAtMs: nowMs - 60_000,
        read: true,
      },
    ],
    onboarding: {
      completed: true,
      steps: [
        { key: 'welcome', title: 'Welcome', status: 'complete', detail: 'Acknowledged.', error: null },
        {
          key: 'binaries',
          title: 'Find Palyra binaries',
          status: 'complete',
          detail: 'All three found.',
          error: null,
        },
        {
          key: 'state_root',
          title: 'Choose a state folder',
          status: 'complete',
          detail: '~/.palyra',
          error: null,
        },
        { key: 'keychain', title: 'Secret storage', status: 'complete', detail: 'OS keychain.', error: null },
        { key: 'sidecars', title: 'Start services', status: 'complete', detail: 'All running.', error: null },
        { key: 'gateway', title: 'Reach the gateway', status: 'complete', detail: 'Reachable.', error: null },
        {
          key: 'openai',
          title: 'OpenAI connect',
          status: 'complete',
          detail: 'Default profile "OpenAI" (API key, health static).',
          error: null,
          skippable: true,
        },
        {
          key: 'discord',
          title: 'Discord connect',
          status: 'skipped',
          detail: 'Skipped: no Discord connector. Connect a bot here at any time.',
          error: null,
          skippable: true,
        },
        {
          key: 'dashboard',
          title: 'Dashboard hand-off',
          status: 'complete',
          detail: 'The dashboard was opened from the companion.',
          error: null,
        },
        {
          key: 'completion',
          title: 'Completion',
          status: 'complete',
          detail: 'Palyra is set up.',
          error: null,
        },
      ],
      binaries: [
        { service: 'gateway', found: true, path: '/usr/local/bin/palyrad', searched: ['/usr/local/bin'] },
        {
          service: 'browserd',
          found: true,
          path: '/usr/local/bin/palyra-browserd',
          searched: ['/usr/local/bin'],
        },
        { service: 'nodehost', found: true, path: '/usr/local/bin/palyra', searched: ['/usr/local/bin'] },
      ],
      stateRoot: '/home/operator/.palyra',
      defaultStateRoot: '/home/operator/.palyra',
      stateRootOverridden: false,
    },
    rollout: {
      companion_shell_enabled: true,
      ambient_companion_enabled: true,
      desktop_notifications_enabled: true,
      offline_drafts_enabled: true,
      voice_capture_enabled: false,
      voice_overlay_enabled: false,
      voice_silence_detection_enabled: false,
      tts_playback_enabled: false,
      release_channel: 'preview',
    },
    preferences: {
      globalHotkey: 'CommandOrControl+Shift+Space',
      globalHotkeyEnabled: true,
      startAtLogin: false,
      theme: 'system',
      language: 'system',
      logFilesEnabled: true,
    },
    keychain: {
      backend: 'os-keychain',
      insecure: false,
      detail: 'Secret Service (gnome-keyring)',
      error: null,
    },
    hotkey: { accelerator: 'CommandOrControl+Shift+Space', enabled: true, registered: true, error: null },
    dashboardUrl: 'http://127.0.0.1:7142/',
    logsTail: [
      {
        seq: 1,
        unix_ms: nowMs - 5000,
        service: 'gateway',
        stream: 'stdout',
        line: 'palyrad listening on 127.0.0.1:7142',
        level: 'info',
      },
      {
        seq: 2,
        unix_ms: nowMs - 4000,
        service: 'browserd',
        stream: 'stderr',
        line: 'warn: chromium sandbox disabled',
        level: 'warn',
      },
      {
        seq: 3,
        unix_ms: nowMs - 3000,
        service: 'nodehost',
        stream: 'supervisor',
        line: 'health probe ok (6 ms)',
        level: null,
      },
    ],
    warnings: [],
    nodeHost: {
      state: 'paired',
      detail: 'The node host is paired with this gateway.',
      deviceId: '01JZ8X6Q3V4N5M6K7J8H9G0F1E',
      grpcUrl: 'https://127.0.0.1:7444/',
      certExpiresAtMs: nowMs + 86_400_000,
      actions: ['repair', 'reset'],
      busy: null,
      error: null,
    },
    profiles: {
      active: 'desktop-local',
      path: null,
      switching: false,
      error: null,
      profiles: [
        {
          name: 'desktop-local',
          label: 'Desktop local',
          environment: 'local',
          color: 'emerald',
          riskLevel: 'low',
          strictMode: false,
          mode: 'local',
          daemonUrl: 'http://127.0.0.1:7142',
          implicit: true,
          active: true,
          lastUsedAtMs: null,
        },
      ],
    },
    providers: {
      openai: {
        available: true,
        state: 'selected_profile',
        note: null,
        defaultProfileId: 'openai-01jz8x6q3v4n5m6k7j8h9g0f1e',
        oauthSupported: true,
        profiles: [
          {
            profileId: 'openai-01jz8x6q3v4n5m6k7j8h9g0f1e',
            profileName: 'OpenAI',
            credentialType: 'api_key',
            isDefault: true,
            health: 'static',
            healthReason: 'API key credential does not expire.',
            updatedAtMs: nowMs - 3_600_000,
          },
        ],
        oauth: null,
        busy: null,
        lastMessage: null,
        error: null,
      },
      discord: { available: true, accounts: [], preflight: null, busy: null, lastMessage: null, error: null },
    },
    voice: sampleVoice(nowMs),
    ...overrides,
  };
}

/**
 * Consent given, one microphone and voice chosen, a few audit entries (vite dev and tests): coded
 * ones, said in the UI's language, and one from before detail codes, shown as it was stored.
 */
export function sampleVoice(nowMs: number): VoiceSnapshot {
  type Entry = VoiceSnapshot['auditLog'][number];
  const entry = (
    kind: Entry['kind'],
    detail: string,
    agoMs: number,
    coded: Pick<Entry, 'detailCode' | 'detailParams'> = {},
    remoteProcessing = false,
  ): Entry => ({
    id: `audit-${kind}-${agoMs}`,
    kind,
    detail,
    ...coded,
    createdAtMs: nowMs - agoMs,
    sessionId: 's-release',
    remoteProcessing,
    ttsPlayback: false,
    inputDeviceLabel: 'Built-in Microphone',
    outputVoiceLabel: null,
  });
  return {
    ...DEFAULT_VOICE,
    captureConsentAtMs: nowMs - 3_600_000,
    inputDeviceId: 'mic-builtin',
    inputDeviceLabel: 'Built-in Microphone',
    auditLog: [
      entry('consent_granted', 'Microphone capture allowed.', 3_600_000),
      entry('capture_started', 'Recording from Built-in Microphone.', 120_000, {
        detailCode: 'capture_started',
        detailParams: { device: 'Built-in Microphone' },
      }),
      entry('capture_stopped_silence', 'Stopped after a pause, 4.2 s (21504 bytes captured).', 115_000, {
        detailCode: 'capture_stopped_silence',
        detailParams: { seconds: 4.2, bytes: 21504 },
      }),
      entry(
        'transcript_ready',
        'desktop-voice.webm (audio/webm, 21504 bytes) transcribed by the gateway: 42 characters',
        114_000,
        {
          detailCode: 'transcript_ready',
          detailParams: {
            filename: 'desktop-voice.webm',
            contentType: 'audio/webm',
            bytes: 21504,
            chars: 42,
          },
        },
        true,
      ),
    ],
  };
}
