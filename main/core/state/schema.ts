// The shape of <stateRoot>/companion/state.json, section by section, so a damaged file can be
// salvaged one section at a time. Secrets never belong here.
import { z } from 'zod';
import type { CompanionNotification, OfflineDraft, Preferences, RolloutFlags } from '../../contract/model';
import {
  DEFAULT_VOICE,
  MAX_VOICE_AUDIT,
  VOICE_AUDIT_DETAIL_CODES,
  VOICE_AUDIT_KINDS,
  type VoiceAuditEntry,
  type VoiceSnapshot,
} from '../../contract/voice';
import { voiceAuditParams } from '../../contract/calls';

export const CURRENT_SCHEMA_VERSION = 1;
export const MAX_NOTIFICATIONS = 40;
export const MAX_DRAFTS = 20;

export const DEFAULT_ROLLOUT: Readonly<RolloutFlags> = Object.freeze({
  companion_shell_enabled: true,
  ambient_companion_enabled: true,
  desktop_notifications_enabled: true,
  offline_drafts_enabled: true,
  voice_capture_enabled: false,
  voice_overlay_enabled: true,
  voice_silence_detection_enabled: false,
  tts_playback_enabled: false,
  release_channel: 'preview',
});

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  globalHotkey: 'CommandOrControl+Shift+Space',
  globalHotkeyEnabled: true,
  startAtLogin: false,
  theme: 'system',
  language: 'system',
  logFilesEnabled: false,
});

export interface OnboardingProgress {
  welcomeAcknowledgedAtMs: number | null;
  stateRootConfirmedAtMs: number | null;
  completedAtMs: number | null;
  /** The operator skipped the optional OpenAI / Discord steps (null: not skipped). */
  openaiSkippedAtMs: number | null;
  discordSkippedAtMs: number | null;
  /** The dashboard was opened from the companion (Palyra's dashboard_handoff_at_unix_ms). */
  dashboardHandoffAtMs: number | null;
}

/** A queued draft plus the marker that makes delivery exactly-once across crashes. */
export interface StoredDraft extends OfflineDraft {
  /** Set just before the draft is handed to the gateway; cleared when the attempt resolves. */
  sendingSinceMs: number | null;
}

export interface CompanionState {
  schema_version: number;
  onboarding: OnboardingProgress;
  rollout: RolloutFlags;
  preferences: Preferences;
  /** Absolute runtime root chosen by the operator; null = <stateRoot>/companion/runtime. */
  runtimeStateRoot: string | null;
  insecureSecretStoreAccepted: boolean;
  activeSessionId: string | null;
  notifications: CompanionNotification[];
  drafts: StoredDraft[];
  /** Voice consent, choices and audit log (Palyra's per-profile `voice` state). */
  voice: VoiceSnapshot;
}

const nullableMs = z.number().int().nonnegative().nullable();

const onboardingSchema = z
  .object({
    welcomeAcknowledgedAtMs: nullableMs.default(null),
    stateRootConfirmedAtMs: nullableMs.default(null),
    completedAtMs: nullableMs.default(null),
    openaiSkippedAtMs: nullableMs.default(null),
    discordSkippedAtMs: nullableMs.default(null),
    dashboardHandoffAtMs: nullableMs.default(null),
  })
  .strip();

// Each flag falls back to its own default, so one bad flag does not reset the others.
const rolloutSchema = z
  .object({
    companion_shell_enabled: z.boolean().catch(DEFAULT_ROLLOUT.companion_shell_enabled),
    ambient_companion_enabled: z.boolean().catch(DEFAULT_ROLLOUT.ambient_companion_enabled),
    desktop_notifications_enabled: z.boolean().catch(DEFAULT_ROLLOUT.desktop_notifications_enabled),
    offline_drafts_enabled: z.boolean().catch(DEFAULT_ROLLOUT.offline_drafts_enabled),
    voice_capture_enabled: z.boolean().catch(DEFAULT_ROLLOUT.voice_capture_enabled),
    voice_overlay_enabled: z.boolean().catch(DEFAULT_ROLLOUT.voice_overlay_enabled),
    voice_silence_detection_enabled: z.boolean().catch(DEFAULT_ROLLOUT.voice_silence_detection_enabled),
    tts_playback_enabled: z.boolean().catch(DEFAULT_ROLLOUT.tts_playback_enabled),
    release_channel: z.string().trim().min(1).max(64).catch(DEFAULT_ROLLOUT.release_channel),
  })
  .strip();

const preferencesSchema = z
  .object({
    globalHotkey: z.string().trim().min(1).max(100).catch(DEFAULT_PREFERENCES.globalHotkey),
    globalHotkeyEnabled: z.boolean().catch(DEFAULT_PREFERENCES.globalHotkeyEnabled),
    startAtLogin: z.boolean().catch(DEFAULT_PREFERENCES.startAtLogin),
    theme: z.enum(['system', 'light', 'dark']).catch(DEFAULT_PREFERENCES.theme),
    language: z.enum(['system', 'en', 'cs']).catch(DEFAULT_PREFERENCES.language),
    logFilesEnabled: z.boolean().catch(DEFAULT_PREFERENCES.logFilesEnabled),
  })
  .strip();

export const notificationSchema = z
  .object({
    id: z.string().min(1).max(128),
    kind: z.enum(['approval', 'connection', 'run', 'draft', 'crash', 'crash-loop', 'trust']),
    title: z.string().max(500),
    detail: z.string().max(4000),
    createdAtMs: z.number().int().nonnegative(),
    read: z.boolean(),
    approvalId: z.string().min(1).max(128).optional(),
    service: z.string().min(1).max(64).optional(),
    code: z.string().min(1).max(64).optional(),
    params: z.record(z.string().max(64), z.union([z.string().max(4000), z.number()])).optional(),
  })
  .strip();

export const draftSchema = z
  .object({
    draftId: z.string().min(1).max(128),
    sessionId: z.string().min(1).max(128).nullable(),
    text: z.string().min(1).max(32_000),
    reason: z.string().max(2000),
    createdAtMs: z.number().int().nonnegative(),
    attempts: z.number().int().nonnegative().default(0),
    lastError: z.string().max(2000).nullable().default(null),
    sendingSinceMs: nullableMs.default(null),
  })
  .strip();

const optionalText = (max: number) => z.string().max(max).nullable().catch(null);

export const voiceAuditSchema = z
  .object({
    id: z.string().min(1).max(128),
    kind: z.enum(VOICE_AUDIT_KINDS),
    detail: z.string().max(500),
    // Absent on entries written before detail codes; an unknown code (a newer companion's) or bad
    // params fall back to the stored English detail.
    detailCode: z.enum(VOICE_AUDIT_DETAIL_CODES).optional().catch(undefined),
    detailParams: voiceAuditParams.optional().catch(undefined),
    createdAtMs: z.number().int().nonnegative(),
    sessionId: z.string().min(1).max(128).nullable().catch(null),
    remoteProcessing: z.boolean().catch(false),
    ttsPlayback: z.boolean().catch(false),
    inputDeviceLabel: optionalText(200),
    outputVoiceLabel: optionalText(200),
  })
  .strip();

/** Each field falls back on its own; audit entries that do not parse are dropped one by one. */
const voiceSchema = z
  .object({
    captureConsentAtMs: nullableMs.catch(null),
    ttsConsentAtMs: nullableMs.catch(null),
    inputDeviceId: optionalText(512),
    inputDeviceLabel: optionalText(200),
    voiceUri: optionalText(512),
    voiceLabel: optionalText(200),
    ttsMuted: z.boolean().catch(DEFAULT_VOICE.ttsMuted),
    silenceDetectionEnabled: z.boolean().catch(DEFAULT_VOICE.silenceDetectionEnabled),
    silenceTimeoutMs: z.number().int().min(200).max(60_000).catch(DEFAULT_VOICE.silenceTimeoutMs),
    auditLog: z
      .array(z.unknown())
      .catch([])
      .transform((items) =>
        keepNewest(
          items.flatMap((item): VoiceAuditEntry[] => {
            const parsed = voiceAuditSchema.safeParse(item);
            return parsed.success ? [parsed.data] : [];
          }),
          MAX_VOICE_AUDIT,
        ),
      ),
  })
  .strip();

/** Validators per top-level key; `load` runs each one separately and keeps what parses. */
export const sectionSchemas = {
  onboarding: onboardingSchema,
  rollout: rolloutSchema,
  preferences: preferencesSchema,
  runtimeStateRoot: z.string().min(1).max(4096).nullable(),
  insecureSecretStoreAccepted: z.boolean(),
  activeSessionId: z.string().min(1).max(128).nullable(),
  voice: voiceSchema,
} as const;

export function defaultState(): CompanionState {
  return {
    schema_version: CURRENT_SCHEMA_VERSION,
    onboarding: {
      welcomeAcknowledgedAtMs: null,
      stateRootConfirmedAtMs: null,
      completedAtMs: null,
      openaiSkippedAtMs: null,
      discordSkippedAtMs: null,
      dashboardHandoffAtMs: null,
    },
    rollout: { ...DEFAULT_ROLLOUT },
    preferences: { ...DEFAULT_PREFERENCES },
    runtimeStateRoot: null,
    insecureSecretStoreAccepted: false,
    activeSessionId: null,
    notifications: [],
    drafts: [],
    voice: { ...DEFAULT_VOICE, auditLog: [] },
  };
}

/** Keeps the newest `limit` entries (arrays are stored oldest first). */
export function keepNewest<T>(items: T[], limit: number): T[] {
  return items.length > limit ? items.slice(items.length - limit) : items;
}
