// The voice audit log's words: a coded entry is said in the current language from its code and
// values (whatever language it was recorded in), an entry from before codes shows its stored text,
// and the English sentence recorded with a code is what English shows.
import { afterEach, describe, expect, it } from 'vitest';
import { VOICE_AUDIT_DETAIL_CODES, VOICE_AUDIT_KINDS } from '../../main/contract/voice';
import { hasKey, setLocale } from '../../tray-ui/src/lib/i18n';
import { auditDetail, auditDetailText, auditKindLabel } from '../../tray-ui/src/lib/voice/audit-text';

afterEach(() => setLocale('en'));

describe('voice audit texts', () => {
  it('has a label for every kind and a sentence for every detail code', () => {
    for (const kind of VOICE_AUDIT_KINDS) expect(hasKey(`voice.auditKind.${kind}`), kind).toBe(true);
    // A failed transcription is said by the error it recorded (errors.*).
    for (const code of VOICE_AUDIT_DETAIL_CODES.filter((c) => c !== 'transcription_failed'))
      expect(hasKey(`voice.auditDetail.${code}`), code).toBe(true);
  });

  it('records the English sentence with its code and raw values', () => {
    expect(auditDetail('capture_stopped_silence', { seconds: 4.25, bytes: 21504 })).toEqual({
      detail: 'Stopped after a pause, 4.3 s (21504 bytes captured).',
      detailCode: 'capture_stopped_silence',
      detailParams: { seconds: 4.25, bytes: 21504 },
    });
    expect(auditDetail('consent_granted')).toEqual({
      detail: 'Microphone capture allowed.',
      detailCode: 'consent_granted',
    });
    // Recorded while the UI is in Czech: still English in `detail`.
    setLocale('cs');
    expect(auditDetail('capture_failed', { problem: 'denied', error: 'NotAllowedError' }).detail).toBe(
      'Access to the microphone was denied. (browser error: NotAllowedError)',
    );
    expect(auditDetail('tts_failed', { reason: 'x'.repeat(900) }).detailParams!.reason).toHaveLength(500);
  });

  it('says a coded entry in the current language, with its digits and plural forms', () => {
    const stopped = { ...auditDetail('capture_stopped', { seconds: 2, bytes: 12345 }) };
    expect(auditDetailText(stopped).text).toBe('Stopped by you after 2.0 s (12,345 bytes captured).');
    setLocale('cs');
    expect(auditDetailText(stopped).text).toBe('Zastaveno vámi po 2,0 s (zachyceno 12\u00a0345 bajtů).');
    expect(auditDetailText(auditDetail('tts_started', { chars: 3 })).text).toBe(
      'Předčítám poslední odpověď (3 znaky).',
    );
    expect(
      auditDetailText(auditDetail('capture_failed', { problem: 'absent', error: 'NotFoundError' })).text,
    ).toBe('Nebyl nalezen žádný mikrofon. (chyba prohlížeče: NotFoundError)');
    expect(auditKindLabel('capture_stopped_silence')).toBe('Nahrávání zastaveno po odmlce');
  });

  it('shows an entry from before codes, and a device label, as stored (marked as not ours)', () => {
    setLocale('cs');
    const stored = (detail: string) => ({ text: detail, external: true });
    expect(auditDetailText({ detail: 'Recording from Built-in Microphone.' })).toEqual(
      stored('Recording from Built-in Microphone.'),
    );
    expect(auditDetailText({ detail: 'USB Headset' })).toEqual(stored('USB Headset'));
    // A code whose values are missing cannot be said: the stored text instead of a gap.
    expect(auditDetailText({ detail: 'stored', detailCode: 'capture_started', detailParams: {} })).toEqual(
      stored('stored'),
    );
    expect(auditDetailText(auditDetail('tts_finished')).external).toBe(false);
    expect(auditKindLabel('some_future_kind')).toBe('some_future_kind');
  });

  it('says a failed transcription the way its error is said', () => {
    const entry = {
      detail: 'The gateway could not transcribe the recording: model offline.',
      detailCode: 'transcription_failed' as const,
      detailParams: { errorCode: 'voice_transcription_failed', reason: 'model offline', given: 1 },
    };
    expect(auditDetailText(entry).text).toBe(entry.detail);
    setLocale('cs');
    expect(auditDetailText(entry)).toEqual({
      text: 'Brána (palyrad) nahrávku nepřepsala: model offline.',
      external: false,
    });
    // The gateway's own words (an external error) stay as they came.
    expect(
      auditDetailText({
        detail: 'upstream said: busy',
        detailCode: 'transcription_failed',
        detailParams: { errorCode: 'gateway_unavailable' },
      }),
    ).toEqual({ text: 'upstream said: busy', external: true });
  });
});
