// Why the microphone could not be opened, from the DOMException the browser raised (Palyra maps
// the same names to denied / unavailable / unknown), as a catalogue key the UI can show.
import type { MessageKey } from '../i18n';

export type MicProblem = 'denied' | 'absent' | 'busy' | 'unsupported' | 'failed';

export function micProblem(err: unknown): MicProblem {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'absent';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'failed';
}

export const MIC_PROBLEM_KEYS: Record<MicProblem, { message: MessageKey; hint: MessageKey }> = {
  denied: { message: 'voice.micDenied', hint: 'voice.micDeniedHint' },
  absent: { message: 'voice.micAbsent', hint: 'voice.micAbsentHint' },
  busy: { message: 'voice.micBusy', hint: 'voice.micBusyHint' },
  unsupported: { message: 'voice.micUnsupported', hint: 'voice.micUnsupportedHint' },
  failed: { message: 'voice.micFailed', hint: 'voice.micFailedHint' },
};

export function canCapture(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function' &&
    typeof MediaRecorder !== 'undefined' &&
    typeof AudioContext !== 'undefined'
  );
}
