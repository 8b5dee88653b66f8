// Voice input and spoken replies, core side (Palyra's `transcribe_desktop_companion_audio` and
// `update_desktop_companion_voice_state`). The UI records and speaks; core keeps the consent, the
// operator's choices and the audit log, and carries recorded audio to the gateway once: it is
// uploaded as a chat attachment, palyrad transcribes it there, and only the text comes back.
import { randomUUID } from 'node:crypto';
import type { ActionResult, CallParams } from '../../contract/calls';
import type { RolloutFlags } from '../../contract/model';
import {
  MAX_VOICE_AUDIT,
  type VoiceAuditDetailCode,
  type VoiceAuditEntry,
  type VoiceAuditKind,
  type VoiceAuditParams,
  type VoiceSnapshot,
  type VoiceTranscription,
} from '../../contract/voice';
import { CompanionError } from '../errors';
import { GatewayError, type GatewayClient } from '../gateway';
import type { AttachmentUpload } from '../gateway/schemas';
import { keepNewest } from '../state/schema';
import type { StateStore } from '../state/state-store';

export interface VoiceControllerDeps {
  client: Pick<GatewayClient, 'uploadAttachment'>;
  state: StateStore;
  /** The chat's active session, creating one when there is none (Palyra auto-creates too). */
  ensureSession: (sessionId: string | null) => Promise<string>;
  now?: () => number;
}

export const PRIVACY_NOTE =
  'The recording was sent to your Palyra gateway, which transcribed it with its configured model provider; the companion keeps no copy of the audio.';

/** palyrad 1e2f4d1 sniffs uploads and knows only images, text and JSON (media.rs sniff_content). */
const UNSNIFFABLE = 'could not be safely sniffed';
/** palyrad 1e2f4d1 cannot index an upload's derived text: `attachments` is no allowed workspace root. */
const WORKSPACE_REFUSED = 'workspace root is not allowed: attachments';

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class VoiceController {
  private readonly now: () => number;

  constructor(private readonly deps: VoiceControllerDeps) {
    this.now = deps.now ?? Date.now;
  }

  snapshot(): VoiceSnapshot {
    return this.deps.state.state.voice;
  }

  /** `voice.update`: consent (true stamps now, false clears), choices, and one audit entry. */
  async update(input: CallParams<'voice.update'>): Promise<ActionResult> {
    const at = this.now();
    await this.deps.state.update((s) => {
      const voice: VoiceSnapshot = { ...s.voice };
      if (input.captureConsent !== undefined) voice.captureConsentAtMs = input.captureConsent ? at : null;
      if (input.ttsConsent !== undefined) voice.ttsConsentAtMs = input.ttsConsent ? at : null;
      if (input.inputDevice !== undefined) {
        voice.inputDeviceId = input.inputDevice?.id ?? null;
        voice.inputDeviceLabel = input.inputDevice?.label.trim() || null;
      }
      if (input.voice !== undefined) {
        voice.voiceUri = input.voice?.uri ?? null;
        voice.voiceLabel = input.voice?.label.trim() || null;
      }
      if (input.ttsMuted !== undefined) voice.ttsMuted = input.ttsMuted;
      if (input.silenceDetectionEnabled !== undefined)
        voice.silenceDetectionEnabled = input.silenceDetectionEnabled;
      if (input.audit) {
        voice.auditLog = appendAudit(voice, {
          kind: input.audit.kind,
          detail: input.audit.detail,
          detailCode: input.audit.detailCode,
          detailParams: input.audit.detailParams,
          sessionId: input.audit.sessionId ?? null,
          remoteProcessing: input.audit.remoteProcessing ?? false,
          ttsPlayback: input.audit.ttsPlayback ?? false,
          at,
        });
      }
      return { ...s, voice };
    });
    return { ok: true, message: 'Voice settings saved.' };
  }

  /** `voice.transcribe`: upload → palyrad's transcript derived artifact → text. */
  async transcribe(input: CallParams<'voice.transcribe'>): Promise<VoiceTranscription> {
    const { state } = this.deps.state;
    assertCaptureAllowed(state.rollout, state.voice);
    const sessionId = await this.deps.ensureSession(input.sessionId);
    const sizeBytes = Math.floor((input.audioBase64.length * 3) / 4);
    let upload: AttachmentUpload;
    try {
      upload = await this.deps.client.uploadAttachment(sessionId, {
        filename: input.filename,
        contentType: input.contentType,
        bytesBase64: input.audioBase64,
      });
    } catch (err) {
      const failure = uploadFailure(err);
      await this.auditFailure(failure, sessionId);
      throw failure;
    }
    const transcript = pickTranscript(upload);
    if (transcript.kind === 'failed') {
      await this.auditFailure(transcript.error, sessionId);
      throw transcript.error;
    }
    const { record } = transcript;
    const chars = record.content_text?.length ?? 0;
    await this.audit(
      'transcript_ready',
      {
        text: `${input.filename} (${input.contentType}, ${sizeBytes} bytes) transcribed by the gateway: ${chars} characters`,
        code: 'transcript_ready',
        params: { filename: input.filename, contentType: input.contentType, bytes: sizeBytes, chars },
      },
      sessionId,
      true,
    );
    return {
      sessionId,
      attachmentId: upload.attachment.attachment_id,
      derivedArtifactId: record.derived_artifact_id,
      text: record.content_text ?? '',
      language: record.language ?? null,
      durationMs: record.duration_ms ?? null,
      processingMs: record.processing_ms ?? null,
      privacyNote: PRIVACY_NOTE,
    };
  }

  /** A failed transcription: the error's English, and its code and values for the UI's words. */
  private auditFailure(failure: CompanionError, sessionId: string): Promise<boolean> {
    return this.audit(
      'transcription_failed',
      {
        text: failure.message,
        code: 'transcription_failed',
        params: { ...failure.params, errorCode: failure.code },
      },
      sessionId,
      true,
    );
  }

  private audit(
    kind: VoiceAuditKind,
    detail: { text: string; code: VoiceAuditDetailCode; params: VoiceAuditParams },
    sessionId: string,
    remote: boolean,
  ): Promise<boolean> {
    const at = this.now();
    return this.deps.state.update((s) => ({
      ...s,
      voice: {
        ...s.voice,
        auditLog: appendAudit(s.voice, {
          kind,
          detail: detail.text.slice(0, 500),
          detailCode: detail.code,
          detailParams: boundParams(detail.params),
          sessionId,
          remoteProcessing: remote,
          ttsPlayback: false,
          at,
        }),
      },
    }));
  }
}

/** Params as the state schema keeps them: texts cut to 500 characters (a gateway's reason can be long). */
function boundParams(params: VoiceAuditParams): VoiceAuditParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 500) : v]),
  );
}

function appendAudit(
  voice: VoiceSnapshot,
  entry: {
    kind: VoiceAuditKind;
    detail: string;
    detailCode: VoiceAuditDetailCode | undefined;
    detailParams: VoiceAuditParams | undefined;
    sessionId: string | null;
    remoteProcessing: boolean;
    ttsPlayback: boolean;
    at: number;
  },
): VoiceAuditEntry[] {
  const next: VoiceAuditEntry = {
    id: randomUUID(),
    kind: entry.kind,
    detail: entry.detail,
    ...(entry.detailCode ? { detailCode: entry.detailCode } : {}),
    ...(entry.detailParams ? { detailParams: entry.detailParams } : {}),
    createdAtMs: entry.at,
    sessionId: entry.sessionId,
    remoteProcessing: entry.remoteProcessing,
    ttsPlayback: entry.ttsPlayback,
    inputDeviceLabel: voice.inputDeviceLabel,
    outputVoiceLabel: voice.voiceLabel,
  };
  return keepNewest([...voice.auditLog, next], MAX_VOICE_AUDIT);
}

export function assertCaptureAllowed(rollout: RolloutFlags, voice: VoiceSnapshot): void {
  if (!rollout.voice_capture_enabled) {
    throw new CompanionError(
      'voice_capture_disabled',
      'Voice capture is turned off by the rollout flag "voice_capture_enabled".',
      'Turn on Voice capture under Settings → Rollout flags.',
    );
  }
  if (voice.captureConsentAtMs === null) {
    throw new CompanionError(
      'voice_consent_required',
      'Voice capture needs your consent first.',
      'Press the microphone button and accept the consent question.',
    );
  }
}

type Picked =
  | { kind: 'ok'; record: AttachmentUpload['derived_artifacts'][number] }
  | { kind: 'failed'; error: CompanionError };

/** Palyra's rule: the derived artifact of kind `transcript` in state `succeeded`. */
export function pickTranscript(upload: AttachmentUpload): Picked {
  const transcripts = upload.derived_artifacts.filter((d) => d.kind === 'transcript');
  const ok = transcripts.find((d) => d.state === 'succeeded' && (d.content_text ?? '').trim() !== '');
  if (ok) return { kind: 'ok', record: ok };
  const failed = transcripts.find((d) => d.state === 'failed');
  if (failed) {
    return {
      kind: 'failed',
      error: new CompanionError(
        'voice_transcription_failed',
        `The gateway could not transcribe the recording: ${failed.failure_reason ?? 'no reason given'}.`,
        "Check the gateway's model provider (it needs an OpenAI-compatible transcription endpoint), then try again.",
        // The reason is the gateway's words (given: 0 when it gave none).
        { params: { reason: failed.failure_reason ?? '', given: failed.failure_reason ? 1 : 0 } },
      ),
    };
  }
  return {
    kind: 'failed',
    error: new CompanionError(
      'voice_transcription_unavailable',
      `The gateway stored the recording as "${upload.attachment.declared_content_type}" but made no transcript of it.`,
      'This gateway does not transcribe audio attachments; type the message instead.',
      { params: { type: upload.attachment.declared_content_type } },
    ),
  };
}

/** The gateway's refusal, said so the operator knows what to do next. */
export function uploadFailure(err: unknown): CompanionError {
  if (err instanceof GatewayError) {
    if (err.message.includes(UNSNIFFABLE)) {
      return new CompanionError(
        'voice_audio_not_accepted',
        'This Palyra gateway does not accept audio attachments (its upload check recognises only images, text and JSON), so it cannot transcribe your recording.',
        'Type the message instead, or update Palyra to a version that accepts audio uploads.',
        { cause: err },
      );
    }
    if (err.message.includes(WORKSPACE_REFUSED)) {
      return new CompanionError(
        'voice_attachments_broken',
        'This Palyra gateway cannot store chat attachments (it refuses to index them in its workspace), so it cannot transcribe your recording.',
        'Type the message instead, or update Palyra to a version that stores chat attachments.',
        { cause: err },
      );
    }
    if (err.status === 413) {
      return new CompanionError(
        'voice_audio_too_large',
        'The recording is larger than the gateway accepts in one request (64 KiB).',
        'Record a shorter message.',
        { cause: err },
      );
    }
    return err;
  }
  return new CompanionError(
    'voice_upload_failed',
    `The recording could not be sent to the gateway: ${describe(err)}`,
    'Check that the gateway is online, then try again.',
    { cause: err, params: { said: describe(err) } },
  );
}
