// Every call the UI can make, with its parameter schema (validated where the call enters core:
// the IPC handler and the host) and its result type. Adding a call here without a handler in
// core breaks the build (see `ContractHandlers`).
import { z } from 'zod';
import type { CompanionSnapshot, DiscordPreflightView, LogLine, OfflineDraft, SessionView } from './model';
import {
  MAX_VOICE_AUDIO_BASE64,
  VOICE_AUDIT_DETAIL_CODES,
  VOICE_AUDIT_KINDS,
  type VoiceTranscription,
} from './voice';

/** The values a coded voice audit detail names: a few short texts and numbers (state keeps them). */
export const voiceAuditParams = z
  .record(
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/),
    z.union([z.string().max(500), z.number().finite()]),
  )
  .refine((params) => Object.keys(params).length <= 12, 'at most 12 values');

const serviceName = z.string().min(1).max(64);
const id = z.string().min(1).max(128);
// Secrets are not checked for emptiness here: palyrad's own validation answers that ("api_key is
// required", "discord token cannot be empty"), so both targets say the same thing.
const secret = z.string().max(4096);
/** A lone UTF-16 surrogate cannot be put in a URL path (encodeURIComponent throws on it). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const discordAccount = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((text) => !loneSurrogate.test(text), 'must be valid Unicode text');
const discordToken = z
  .object({
    token: secret,
    accountId: discordAccount.optional(),
    verifyChannelId: z.string().trim().max(64).optional(),
  })
  .strict();

export const callSchemas = {
  'snapshot.get': z.object({}).strict(),
  'service.start': z.object({ service: serviceName }).strict(),
  'service.stop': z.object({ service: serviceName }).strict(),
  'service.restart': z.object({ service: serviceName }).strict(),
  /** Leave crash-looping/failed and try again with a fresh backoff. */
  'service.retry': z.object({ service: serviceName }).strict(),
  'services.startAll': z.object({}).strict(),
  'services.stopAll': z.object({}).strict(),
  'services.restartAll': z.object({}).strict(),
  'logs.get': z
    .object({
      service: serviceName.optional(),
      stream: z.enum(['stdout', 'stderr', 'supervisor']).optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict(),
  'chat.createSession': z.object({ label: z.string().max(200).optional() }).strict(),
  'chat.selectSession': z.object({ sessionId: id }).strict(),
  'chat.send': z.object({ sessionId: id.nullable(), text: z.string().trim().min(1).max(32_000) }).strict(),
  'approval.decide': z
    .object({
      approvalId: id,
      approved: z.boolean(),
      scope: z.enum(['once', 'session', 'timeboxed']),
      ttlMs: z
        .number()
        .int()
        .min(1000)
        .max(7 * 24 * 3600 * 1000)
        .optional(),
      reason: z.string().max(2000).optional(),
    })
    .strict()
    .refine((p) => p.scope !== 'timeboxed' || p.ttlMs !== undefined, {
      message: 'a timeboxed decision needs ttlMs',
      path: ['ttlMs'],
    }),
  'draft.resend': z.object({ draftId: id }).strict(),
  'draft.discard': z.object({ draftId: id }).strict(),
  'drafts.flush': z.object({}).strict(),
  'dashboard.open': z
    .object({
      section: z
        .enum(['overview', 'chat', 'approvals', 'access', 'operations', 'browser', 'channels'])
        .optional(),
    })
    .strict(),
  'settings.save': z
    .object({
      rollout: z
        .object({
          companion_shell_enabled: z.boolean(),
          ambient_companion_enabled: z.boolean(),
          desktop_notifications_enabled: z.boolean(),
          offline_drafts_enabled: z.boolean(),
          voice_capture_enabled: z.boolean(),
          voice_overlay_enabled: z.boolean(),
          voice_silence_detection_enabled: z.boolean(),
          tts_playback_enabled: z.boolean(),
          release_channel: z.string().trim().min(1).max(64),
        })
        .partial()
        .strict()
        .optional(),
      preferences: z
        .object({
          globalHotkey: z.string().trim().min(1).max(100),
          globalHotkeyEnabled: z.boolean(),
          startAtLogin: z.boolean(),
          theme: z.enum(['system', 'light', 'dark']),
          language: z.enum(['system', 'en', 'cs']),
          logFilesEnabled: z.boolean(),
        })
        .partial()
        .strict()
        .optional(),
    })
    .strict(),
  'onboarding.acknowledgeWelcome': z.object({}).strict(),
  /** null restores the default state root. Takes effect on the next sidecar start. */
  'onboarding.setStateRoot': z.object({ path: z.string().min(1).max(4096).nullable() }).strict(),
  /** The operator explicitly accepts the insecure 0600 file store because no keychain is available. */
  'onboarding.useInsecureSecretStore': z.object({ accept: z.literal(true) }).strict(),
  'onboarding.recheck': z.object({}).strict(),
  'notifications.markRead': z.object({ ids: z.array(id).max(1000).optional() }).strict(),
  /** Pairs the local node host with the local gateway (mint code, install, approve, run). */
  'node.enroll': z.object({}).strict(),
  /** Uninstalls the node host's pairing, then enrolls it again. */
  'node.repair': z.object({}).strict(),
  /** Stops the node host and removes its pairing (`palyra node uninstall`). */
  'node.reset': z.object({}).strict(),
  /** The operator skips (or un-skips) an optional onboarding step; persisted like acknowledgements. */
  'onboarding.skipStep': z.object({ step: z.enum(['openai', 'discord']), skipped: z.boolean() }).strict(),
  /** Sends an OpenAI API key to the gateway once (console/v1/auth/providers/openai/api-key). */
  'providers.openai.connectApiKey': z
    .object({
      apiKey: secret,
      profileName: z.string().trim().min(1).max(256).optional(),
      setDefault: z.boolean().optional(),
    })
    .strict(),
  /** Starts the gateway's OpenAI OAuth sign-in; the result's URL is opened in the browser. */
  'providers.openai.startOAuth': z
    .object({
      clientId: z.string().max(512),
      clientSecret: secret.optional(),
      profileName: z.string().trim().min(1).max(256).optional(),
    })
    .strict(),
  /** Re-reads OpenAI profiles, their health, the OAuth attempt and the Discord connectors. */
  'providers.refresh': z.object({}).strict(),
  /** Asks the gateway to check a Discord bot token with Discord (nothing is saved). */
  'providers.discord.probe': discordToken,
  /** Checks the token again and applies the connector (the token goes to the gateway's vault). */
  'providers.discord.apply': discordToken,
  'providers.discord.logout': z.object({ accountId: discordAccount }).strict(),
  'providers.discord.remove': z.object({ accountId: discordAccount }).strict(),
  /** Switches the connection profile; a strict profile needs `allowStrict: true`. */
  'profile.switch': z
    .object({ profileName: z.string().trim().min(1).max(128), allowStrict: z.boolean().optional() })
    .strict(),
  /**
   * Uploads recorded audio to the gateway as a chat attachment and returns its transcript
   * (Palyra's `transcribe_desktop_companion_audio`). Needs `voice_capture_enabled` and recorded
   * consent. `sessionId` null: the active session, or a new one.
   */
  'voice.transcribe': z
    .object({
      sessionId: id.nullable(),
      filename: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
      contentType: z
        .string()
        .trim()
        .max(100)
        .regex(/^audio\/[a-z0-9.+-]+(;\s*codecs=[a-z0-9.,"-]+)?$/i, 'must be an audio/* type'),
      audioBase64: z
        .string()
        .min(1, 'the recording is empty')
        .max(
          MAX_VOICE_AUDIO_BASE64,
          'the recording is larger than the gateway accepts (64 KiB request limit); record a shorter message',
        )
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
        // palyrad decodes with Rust's padded STANDARD engine: unpadded text is refused there.
        .refine((text) => text.length % 4 === 0, 'must be padded base64 (a multiple of 4 characters)'),
    })
    .strict(),
  /** Consent, device/voice choices, mute, silence toggle, and one audit entry (all optional). */
  'voice.update': z
    .object({
      captureConsent: z.boolean().optional(),
      ttsConsent: z.boolean().optional(),
      inputDevice: z
        .object({ id: z.string().min(1).max(512), label: z.string().max(200) })
        .strict()
        .nullable()
        .optional(),
      voice: z
        .object({ uri: z.string().min(1).max(512), label: z.string().max(200) })
        .strict()
        .nullable()
        .optional(),
      ttsMuted: z.boolean().optional(),
      silenceDetectionEnabled: z.boolean().optional(),
      audit: z
        .object({
          kind: z.enum(VOICE_AUDIT_KINDS),
          /** English, as stored for logs and Palyra; the UI shows `detailCode` in its language. */
          detail: z.string().trim().min(1).max(500),
          detailCode: z.enum(VOICE_AUDIT_DETAIL_CODES).optional(),
          detailParams: voiceAuditParams.optional(),
          sessionId: id.nullable().optional(),
          remoteProcessing: z.boolean().optional(),
          ttsPlayback: z.boolean().optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
} as const;

export type CallName = keyof typeof callSchemas;
export type CallParams<K extends CallName> = z.input<(typeof callSchemas)[K]>;

export interface ActionResult {
  ok: true;
  message: string;
}

export interface SendResult {
  /** The run the gateway minted, when the message was delivered. */
  runId: string | null;
  /** Set instead when the message was queued as an offline draft. */
  queuedDraft: OfflineDraft | null;
  sessionId: string | null;
}

export interface DashboardOpenResult {
  /** One-use hand-off URL (60 s) built by core; the shell opens it, the browser UI navigates to it. */
  url: string;
  expiresAtMs: number | null;
}

/** The gateway's OAuth sign-in address: the shell opens it, the browser UI navigates to it. */
export interface OAuthStartResult {
  url: string;
  expiresAtMs: number;
}

export interface CallResults {
  'snapshot.get': CompanionSnapshot;
  'service.start': ActionResult;
  'service.stop': ActionResult;
  'service.restart': ActionResult;
  'service.retry': ActionResult;
  'services.startAll': ActionResult;
  'services.stopAll': ActionResult;
  'services.restartAll': ActionResult;
  'logs.get': LogLine[];
  'chat.createSession': SessionView;
  'chat.selectSession': ActionResult;
  'chat.send': SendResult;
  'approval.decide': ActionResult;
  'draft.resend': SendResult;
  'draft.discard': ActionResult;
  'drafts.flush': { delivered: number; remaining: number };
  'dashboard.open': DashboardOpenResult;
  'settings.save': ActionResult;
  'onboarding.acknowledgeWelcome': ActionResult;
  'onboarding.setStateRoot': ActionResult;
  'onboarding.useInsecureSecretStore': ActionResult;
  'onboarding.recheck': ActionResult;
  'notifications.markRead': ActionResult;
  'node.enroll': ActionResult;
  'node.repair': ActionResult;
  'node.reset': ActionResult;
  'profile.switch': ActionResult;
  'onboarding.skipStep': ActionResult;
  'providers.openai.connectApiKey': ActionResult;
  'providers.openai.startOAuth': OAuthStartResult;
  'providers.refresh': ActionResult;
  'providers.discord.probe': DiscordPreflightView;
  'providers.discord.apply': ActionResult;
  'providers.discord.logout': ActionResult;
  'providers.discord.remove': ActionResult;
  'voice.transcribe': VoiceTranscription;
  'voice.update': ActionResult;
}

export type CallResult<K extends CallName> = CallResults[K];

/** What core implements: one async handler per call, given already-validated params. */
export type ContractHandlers = {
  [K in CallName]: (params: z.output<(typeof callSchemas)[K]>) => Promise<CallResults[K]>;
};

export const callNames = Object.keys(callSchemas) as CallName[];
