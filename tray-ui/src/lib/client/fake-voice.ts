// The fake client's `voice.update`: the same rules as core's VoiceController (consent true stamps
// now, false clears; choices replaced; one audit entry appended, newest 40 kept). Test tooling.
import type { CallParams } from '../../../../main/contract/calls';
import { MAX_VOICE_AUDIT, type VoiceSnapshot } from '../../../../main/contract/voice';

let seq = 0;

export function applyVoiceUpdate(
  voice: VoiceSnapshot,
  input: CallParams<'voice.update'>,
  now: number,
): VoiceSnapshot {
  const next: VoiceSnapshot = { ...voice };
  if (input.captureConsent !== undefined) next.captureConsentAtMs = input.captureConsent ? now : null;
  if (input.ttsConsent !== undefined) next.ttsConsentAtMs = input.ttsConsent ? now : null;
  if (input.inputDevice !== undefined) {
    next.inputDeviceId = input.inputDevice?.id ?? null;
    next.inputDeviceLabel = input.inputDevice?.label || null;
  }
  if (input.voice !== undefined) {
    next.voiceUri = input.voice?.uri ?? null;
    next.voiceLabel = input.voice?.label || null;
  }
  if (input.ttsMuted !== undefined) next.ttsMuted = input.ttsMuted;
  if (input.silenceDetectionEnabled !== undefined)
    next.silenceDetectionEnabled = input.silenceDetectionEnabled;
  if (input.audit) {
    seq += 1;
    next.auditLog = [
      ...voice.auditLog,
      {
        id: `fake-audit-${seq}`,
        kind: input.audit.kind,
        detail: input.audit.detail,
        ...(input.audit.detailCode ? { detailCode: input.audit.detailCode } : {}),
        ...(input.audit.detailParams ? { detailParams: input.audit.detailParams } : {}),
        createdAtMs: now,
        sessionId: input.audit.sessionId ?? null,
        remoteProcessing: input.audit.remoteProcessing ?? false,
        ttsPlayback: input.audit.ttsPlayback ?? false,
        inputDeviceLabel: next.inputDeviceLabel,
        outputVoiceLabel: next.voiceLabel,
      },
    ].slice(-MAX_VOICE_AUDIT);
  }
  return next;
}
