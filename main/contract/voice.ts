// Voice input and spoken replies (Palyra's DesktopCompanionVoiceState, §5.8 of the desktop spec):
// what core keeps (consent, device and voice choices, the audit log) and what a transcription
// returns. Audio itself is never kept; it passes through core once, to the gateway.

/**
 * palyrad's console routes take JSON bodies of at most 64 KiB (DefaultBodyLimit, router.rs); the
 * upload body is `{filename, content_type, bytes_base64}`, so the base64 text gets what is left.
 * About 48 KiB of audio: 10–12 s of Opus at the 32 kbit/s the UI records with.
 */
export const MAX_VOICE_AUDIO_BASE64 = 64 * 1024 - 512;

/** Palyra keeps the newest 40 voice audit entries (desktop_state.rs). */
export const MAX_VOICE_AUDIT = 40;

/** Palyra's silence default (DesktopCompanionVoiceState.silence_timeout_ms). */
export const DEFAULT_SILENCE_TIMEOUT_MS = 1_800;

/** The audit kinds Palyra's UI records (App.tsx), the ones the companion uses. */
export const VOICE_AUDIT_KINDS = [
  'consent_granted',
  'consent_revoked',
  'tts_consent_granted',
  'capture_started',
  'capture_failed',
  'capture_stopped',
  'capture_stopped_silence',
  'capture_stopped_size',
  'transcript_ready',
  'transcription_failed',
  'input_device_selected',
  'tts_voice_selected',
  'tts_muted',
  'tts_unmuted',
  'silence_detection_enabled',
  'silence_detection_disabled',
  'tts_started',
  'tts_finished',
  'tts_failed',
] as const;
export type VoiceAuditKind = (typeof VOICE_AUDIT_KINDS)[number];

/**
 * What an audit entry's detail says, by code: the UI words it in the operator's language (catalogue
 * `voice.auditDetail.<code>`) from `detailParams`. Mostly the kind itself. An entry whose detail is
 * only someone else's words (a chosen device's or voice's label) has no code: shown as it came.
 */
export const VOICE_AUDIT_DETAIL_CODES = [
  'consent_granted',
  'consent_revoked',
  'tts_consent_granted',
  'capture_started',
  'capture_started_default',
  'capture_failed',
  'capture_stopped',
  'capture_stopped_silence',
  'capture_stopped_size',
  'transcript_ready',
  'transcription_failed',
  'input_device_default',
  'tts_voice_default',
  'tts_muted',
  'tts_unmuted',
  'silence_detection',
  'tts_started',
  'tts_finished',
  'tts_failed',
] as const;
export type VoiceAuditDetailCode = (typeof VOICE_AUDIT_DETAIL_CODES)[number];

/** The values a coded detail names (a device label, a duration in seconds, a byte count…). */
export type VoiceAuditParams = Record<string, string | number>;

export interface VoiceAuditEntry {
  id: string;
  kind: VoiceAuditKind;
  /**
   * The detail in English: Palyra's field, what logs and older UIs read, and all an entry written
   * before detail codes existed has (the UI shows it as stored then).
   */
  detail: string;
  detailCode?: VoiceAuditDetailCode;
  detailParams?: VoiceAuditParams;
  createdAtMs: number;
  sessionId: string | null;
  /** The audio or text left this machine (to the gateway and its model provider, or a network voice). */
  remoteProcessing: boolean;
  ttsPlayback: boolean;
  /** Copied from the voice state when the entry is made (as Palyra does). */
  inputDeviceLabel: string | null;
  outputVoiceLabel: string | null;
}

export interface VoiceSnapshot {
  /** Set once the operator agreed to microphone capture; null until then (asked once). */
  captureConsentAtMs: number | null;
  /** Set once the operator agreed to replies being read aloud. */
  ttsConsentAtMs: number | null;
  /** null: the system default microphone. */
  inputDeviceId: string | null;
  inputDeviceLabel: string | null;
  /** `SpeechSynthesisVoice.voiceURI`; null: the platform default voice. */
  voiceUri: string | null;
  voiceLabel: string | null;
  ttsMuted: boolean;
  /** The operator's toggle; it acts only while the `voice_silence_detection_enabled` flag is on. */
  silenceDetectionEnabled: boolean;
  silenceTimeoutMs: number;
  /** Oldest first, at most MAX_VOICE_AUDIT. */
  auditLog: VoiceAuditEntry[];
}

export const DEFAULT_VOICE: Readonly<VoiceSnapshot> = Object.freeze({
  captureConsentAtMs: null,
  ttsConsentAtMs: null,
  inputDeviceId: null,
  inputDeviceLabel: null,
  voiceUri: null,
  voiceLabel: null,
  ttsMuted: false,
  // Palyra's default: off until the operator turns it on (and the rollout flag allows it).
  silenceDetectionEnabled: false,
  silenceTimeoutMs: DEFAULT_SILENCE_TIMEOUT_MS,
  auditLog: [],
});

/** What `voice.transcribe` returns (Palyra's transcription result, camel-cased). */
export interface VoiceTranscription {
  sessionId: string;
  attachmentId: string;
  derivedArtifactId: string;
  text: string;
  language: string | null;
  durationMs: number | null;
  processingMs: number | null;
  /** Said to the operator next to the transcript: where the audio went. */
  privacyNote: string;
}
