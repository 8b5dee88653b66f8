// The data the UI renders. Everything here is plain JSON (no Dates, no Maps) so it can cross
// Electron IPC and the host's WebSocket unchanged. Secrets never appear in any of these types.
import type { VoiceSnapshot } from './voice';

/** A failure the operator can act on: what happened and what to do about it. */
export interface ActionableError {
  /** Stable machine code, e.g. `binary_missing`, `port_busy`, `gateway_unreachable`, `csrf_rejected`. */
  code: string;
  /** One sentence: what went wrong. */
  message: string;
  /** One sentence: what the operator can do. */
  hint: string;
  /** Values the UI's translation of `code` fills in (names, ports, paths, the gateway's own text). */
  params?: Record<string, string | number>;
}

export type ServiceKind = 'gateway' | 'browserd' | 'nodehost' | 'extra';

/** Lifecycle of one supervised sidecar. */
export type ServiceState =
  | 'stopped'
  | 'starting' // spawned, inside the startup grace period, not yet healthy
  | 'running'
  | 'stopping'
  | 'backoff' // exited unexpectedly; a restart is scheduled at nextRestartAtMs
  | 'crash-looping' // too many failures in the window; waits for an explicit Retry
  | 'failed'; // cannot start until something is fixed (binary missing, port busy, …); see `error`

export type HealthState = 'unknown' | 'healthy' | 'unhealthy';

export interface HealthProbe {
  atMs: number;
  ok: boolean;
  latencyMs: number;
  /** Why the probe failed, when it did. */
  detail?: string;
}

export interface ServiceSnapshot {
  /** Unique name; `gateway`, `browserd`, `nodehost` or the name of an extra sidecar. */
  name: string;
  kind: ServiceKind;
  displayName: string;
  desired: boolean;
  state: ServiceState;
  health: HealthState;
  pid: number | null;
  /** When the current process was spawned (or adopted). */
  startedAtMs: number | null;
  version: string | null;
  restartAttempt: number;
  nextRestartAtMs: number | null;
  lastExit: string | null;
  ports: number[];
  /** True when this process was found running from an earlier companion and adopted. */
  adopted: boolean;
  binaryPath: string | null;
  error: ActionableError | null;
  /** Newest last, bounded. */
  healthHistory: HealthProbe[];
}

export type LogStream = 'stdout' | 'stderr' | 'supervisor';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** One captured output line, already redacted. Field names follow Palyra's `LogLine`. */
export interface LogLine {
  /** Monotonic per companion run; lets the UI de-duplicate and follow. */
  seq: number;
  unix_ms: number;
  service: string;
  stream: LogStream;
  line: string;
  level: LogLevel | null;
}

/**
 * `starting`: a planned start or restart is under way (calm, not an error); `partial`: the product's
 * own services are not all running (e.g. browserd stopped), so it is not "healthy".
 */
export type OverallStatus =
  'healthy' | 'starting' | 'partial' | 'degraded' | 'down' | 'crash-looping' | 'stopped';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export interface ConnectionSnapshot {
  state: ConnectionState;
  lastConnectedAtMs: number | null;
  nextRetryAtMs: number | null;
  error: ActionableError | null;
}

export type DecisionScope = 'once' | 'session' | 'timeboxed';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical' | 'unspecified';

/** Plain JSON, as parsed from the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One of the choices the daemon offers in `prompt.options`, shown as-is. */
export interface ApprovalOption {
  optionId: string;
  label: string;
  /** What choosing it means, in the daemon's words. */
  description?: string | null;
  scope: DecisionScope;
  approved: boolean;
  ttlMs: number | null;
  defaultSelected: boolean;
}

export interface ApprovalView {
  approvalId: string;
  title: string;
  riskLevel: RiskLevel;
  summary: string;
  subjectType: string;
  subjectId: string;
  toolName: string | null;
  sessionId: string | null;
  runId: string | null;
  principal: string | null;
  requestedAtMs: number;
  /** requested_at + prompt.timeout_seconds; the gateway resolves it as `timeout` after that. */
  expiresAtMs: number | null;
  policyExplanation: string | null;
  /** The tool's input from `prompt.details_json`, secrets masked by core (always set by core). */
  input?: JsonValue | null;
  /** One line of the input (`command: "ls" · cwd: "/srv"`), for notifications and compact rows. */
  inputSummary?: string;
  options: ApprovalOption[];
  /** A decision is being sent for it. */
  busy: boolean;
  /** The last decision attempt failed; the approval stays in the inbox. */
  error: ActionableError | null;
}

export interface SessionView {
  sessionId: string;
  sessionKey: string;
  title: string;
  label: string | null;
  updatedAtMs: number;
  preview: string | null;
  pendingApprovals: number;
}

export type ChatRole = 'user' | 'assistant' | 'system';

export interface ChatMessage {
  id: string;
  role: ChatRole;
  text: string;
  atMs: number;
  runId: string | null;
}

/** The reply currently streaming, token by token. */
export interface StreamingReply {
  sessionId: string;
  runId: string | null;
  text: string;
  status: string;
  startedAtMs: number;
}

export interface ChatSnapshot {
  activeSessionId: string | null;
  /** Transcript of the active session, oldest first, bounded. */
  messages: ChatMessage[];
  streaming: StreamingReply | null;
  error: ActionableError | null;
}

export interface OfflineDraft {
  draftId: string;
  sessionId: string | null;
  text: string;
  /** Why it was queued (sanitized). */
  reason: string;
  createdAtMs: number;
  attempts: number;
  lastError: string | null;
}

export type NotificationKind = 'approval' | 'connection' | 'run' | 'draft' | 'crash' | 'crash-loop' | 'trust';

export interface CompanionNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  detail: string;
  createdAtMs: number;
  read: boolean;
  /** For `approval` notifications: the approval it is about (lets the shell offer Approve/Deny). */
  approvalId?: string;
  /** For crash notifications: the service. */
  service?: string;
  /**
   * Stable name of the text (`crash`, `crashLoop`, `online`, `approval`) the UI translates with
   * `params`; `title`/`detail` stay the English text for logs and older clients.
   */
  code?: string;
  params?: Record<string, string | number>;
}

/** Palyra's `DesktopCompanionRolloutState`, same names and defaults. */
export interface RolloutFlags {
  companion_shell_enabled: boolean;
  ambient_companion_enabled: boolean;
  desktop_notifications_enabled: boolean;
  offline_drafts_enabled: boolean;
  voice_capture_enabled: boolean;
  voice_overlay_enabled: boolean;
  voice_silence_detection_enabled: boolean;
  tts_playback_enabled: boolean;
  release_channel: string;
}

export type Theme = 'system' | 'light' | 'dark';

/** The UI's language: follow the system's, or English / Czech whatever the system says. */
export type LanguagePreference = 'system' | 'en' | 'cs';

export interface Preferences {
  globalHotkey: string;
  globalHotkeyEnabled: boolean;
  startAtLogin: boolean;
  theme: Theme;
  language: LanguagePreference;
  /** Rotate captured sidecar logs into files under the state root. */
  logFilesEnabled: boolean;
}

/** `memory`: demo mode's throwaway tokens, held in memory only. */
export type SecretBackend = 'os-keychain' | 'insecure-file' | 'memory' | 'unavailable';

export interface KeychainStatus {
  backend: SecretBackend;
  /** True for the 0600 file fallback: the UI marks it as insecure. */
  insecure: boolean;
  detail: string;
  error: ActionableError | null;
}

/** Palyra's wizard order (DesktopOnboardingStep), with the companion's keychain and sidecar checks. */
export type OnboardingStepKey =
  | 'welcome'
  | 'binaries'
  | 'state_root'
  | 'keychain'
  | 'sidecars'
  | 'gateway'
  | 'openai'
  | 'discord'
  | 'dashboard'
  | 'completion';
/** `skipped`: an optional step the operator chose to skip (persisted, can be undone). */
export type OnboardingStepStatus = 'complete' | 'current' | 'pending' | 'blocked' | 'skipped';

export interface OnboardingStep {
  key: OnboardingStepKey;
  title: string;
  status: OnboardingStepStatus;
  detail: string;
  /** Stable name of `detail` the UI translates with `detailParams` (English `detail` is the fallback). */
  detailCode?: string;
  detailParams?: Record<string, string | number>;
  error: ActionableError | null;
  /** The operator may skip it (OpenAI and Discord: Palyra runs without either). */
  skippable?: boolean;
}

/** One OpenAI auth profile on the gateway, with its health (never the secret, only its kind). */
export interface OpenAiProfileView {
  profileId: string;
  profileName: string;
  credentialType: 'api_key' | 'oauth';
  isDefault: boolean;
  /** auth health state: ok, static (API keys), expiring, expired, missing, or unknown. */
  health: string;
  healthReason: string;
  updatedAtMs: number;
}

export interface OpenAiOAuthAttemptView {
  attemptId: string;
  state: 'pending' | 'succeeded' | 'failed';
  message: string;
  expiresAtMs: number | null;
}

export interface OpenAiProviderView {
  /** The gateway answered the provider routes (false until connected, or when they failed). */
  available: boolean;
  /** palyrad's provider state: not_configured, api_key_configured or selected_profile. */
  state: string;
  note: string | null;
  defaultProfileId: string | null;
  oauthSupported: boolean;
  profiles: OpenAiProfileView[];
  oauth: OpenAiOAuthAttemptView | null;
  busy: 'connect' | 'oauth' | 'refresh' | null;
  /** The gateway's message after the last successful action. */
  lastMessage: string | null;
  error: ActionableError | null;
}

/** A Discord connector account on the gateway (`discord:<account>`). */
export interface DiscordAccountView {
  accountId: string;
  connectorId: string;
  enabled: boolean;
  readiness: string;
  liveness: string;
  lastError: string | null;
  /** From the last probe or apply in this run (the gateway's connector list does not carry it). */
  botUsername: string | null;
}

/** The gateway's preflight of a bot token: who the bot is and what applying would do. */
export interface DiscordPreflightView {
  accountId: string;
  connectorId: string;
  botId: string;
  botUsername: string;
  inviteUrl: string;
  requiredPermissions: string[];
  warnings: string[];
}

export interface DiscordProviderView {
  available: boolean;
  accounts: DiscordAccountView[];
  preflight: DiscordPreflightView | null;
  busy: 'probe' | 'apply' | 'logout' | 'remove' | 'refresh' | null;
  /** The companion's note after the last successful action (English; `lastMessageCode` names it). */
  lastMessage: string | null;
  /** Stable name of `lastMessage` the UI translates with `lastMessageParams`. */
  lastMessageCode?: string | null;
  lastMessageParams?: Record<string, string | number>;
  error: ActionableError | null;
}

export interface ProvidersSnapshot {
  openai: OpenAiProviderView;
  discord: DiscordProviderView;
}

export interface BinaryStatus {
  service: string;
  found: boolean;
  path: string | null;
  /** Every place looked at, in order (shown when missing). */
  searched: string[];
}

export interface OnboardingSnapshot {
  completed: boolean;
  steps: OnboardingStep[];
  binaries: BinaryStatus[];
  stateRoot: string;
  defaultStateRoot: string;
  stateRootOverridden: boolean;
}

export interface HotkeyStatus {
  accelerator: string;
  enabled: boolean;
  registered: boolean;
  /** Set when registration failed (e.g. another app holds the shortcut). */
  error: string | null;
}

/** The local node host's pairing with the gateway (Palyra's desktop node lifecycle). */
export type NodePairingState = 'not_paired' | 'pending' | 'paired' | 'broken' | 'unavailable';
export type NodeHostAction = 'enroll' | 'repair' | 'reset';

export interface NodeHostPairing {
  state: NodePairingState;
  /** One sentence on what the state means for the operator (English; logs, CLI, fallback). */
  detail: string;
  /** Stable name of `detail` the UI translates (`remote`, `pairing`, `paired`, …). */
  detailCode?: string;
  deviceId: string | null;
  grpcUrl: string | null;
  certExpiresAtMs: number | null;
  /** The actions that fit this state, the recommended one first. */
  actions: NodeHostAction[];
  /** An action in progress (buttons are disabled meanwhile). */
  busy: NodeHostAction | null;
  /** The last action's or status check's failure. */
  error: ActionableError | null;
}

/** One connection profile from the CLI's `profiles.toml` (plus the implicit `desktop-local`). */
export interface ConnectionProfileView {
  name: string;
  label: string;
  environment: string;
  color: string;
  riskLevel: string;
  strictMode: boolean;
  /** local: the companion supervises the sidecars; remote: it only talks to `daemonUrl`. */
  mode: 'local' | 'remote';
  daemonUrl: string;
  implicit: boolean;
  active: boolean;
  lastUsedAtMs: number | null;
}

export interface ProfilesSnapshot {
  active: string;
  profiles: ConnectionProfileView[];
  /** The catalog file read (null when there is none). */
  path: string | null;
  /** A switch is in progress. */
  switching: boolean;
  /** Why the catalog could not be read, or why the last switch failed. */
  error: ActionableError | null;
}

export interface CompanionSnapshot {
  /** Increases with every change; patches carry the revision they produce. */
  revision: number;
  generatedAtMs: number;
  demo: boolean;
  overall: OverallStatus;
  services: ServiceSnapshot[];
  connection: ConnectionSnapshot;
  gatewayVersion: string | null;
  approvals: ApprovalView[];
  sessions: SessionView[];
  chat: ChatSnapshot;
  drafts: OfflineDraft[];
  notifications: CompanionNotification[];
  onboarding: OnboardingSnapshot;
  rollout: RolloutFlags;
  preferences: Preferences;
  keychain: KeychainStatus;
  hotkey: HotkeyStatus;
  dashboardUrl: string;
  /** Newest last, bounded tail of the merged log rings. */
  logsTail: LogLine[];
  warnings: string[];
  nodeHost: NodeHostPairing;
  profiles: ProfilesSnapshot;
  /** OpenAI and Discord as the gateway reports them (onboarding's provider steps). */
  providers: ProvidersSnapshot;
  /** Voice input and spoken replies: consent, choices, audit log. */
  voice: VoiceSnapshot;
}

export type SnapshotKey = Exclude<keyof CompanionSnapshot, 'revision'>;

/** One change to the pending approvals, by id: what changed, never the whole list. */
export type ApprovalPatch =
  | { op: 'add'; approval: ApprovalView }
  | { op: 'update'; approval: ApprovalView }
  | { op: 'remove'; approvalId: string };

/**
 * Top-level keys replaced wholesale (cheap to compute and to apply), except `approvals`, which
 * never travels whole in a patch: `approvalPatches` carries the per-approval changes instead.
 */
export type SnapshotPatch = { revision: number } & Partial<
  Pick<CompanionSnapshot, Exclude<SnapshotKey, 'approvals'>>
> & { approvalPatches?: ApprovalPatch[] };

/** The UI views the shell can open the popover into. */
export type View = 'health' | 'approvals' | 'chat' | 'settings' | 'onboarding' | 'logs';
