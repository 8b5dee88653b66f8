// Voice transcription in core: consent and the rollout flag come first, the contract refuses
// oversize and non-audio recordings before anything is uploaded, and every gateway refusal becomes
// a message that says what to do. Calls go through dispatchCall, as they do from the UI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallParams } from '../../../main/contract/calls';
import { dispatchCall } from '../../../main/contract/dispatch';
import type { ContractHandlers } from '../../../main/contract/calls';
import { MAX_VOICE_AUDIO_BASE64 } from '../../../main/contract/voice';
import { PRIVACY_NOTE, VoiceController } from '../../../main/core/companion/voice-controller';
import { GatewayError } from '../../../main/core/gateway';
import type { AttachmentUpload, DerivedArtifact } from '../../../main/core/gateway/schemas';
import { StateStore } from '../../../main/core/state/state-store';

type Upload = CallParams<'voice.transcribe'>;
const WAV_BASE64 = Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ').toString('base64');

function derived(over: Partial<DerivedArtifact>): DerivedArtifact {
  return {
    derived_artifact_id: 'd-1',
    source_artifact_id: 'a-1',
    kind: 'transcript',
    state: 'succeeded',
    parser_name: 'attachment-audio-transcriber',
    warnings: [],
    ...over,
  };
}

function upload(artifacts: DerivedArtifact[], sniffed = 'audio/wav'): AttachmentUpload {
  return {
    attachment: {
      artifact_id: 'a-1',
      attachment_id: 'a-1',
      filename: 'voice.wav',
      declared_content_type: sniffed,
      content_hash: 'h',
      size_bytes: 20,
      kind: 'audio',
    },
    derived_artifacts: artifacts,
    task: { task_id: 't-1', task_kind: 'attachment_derivation', state: 'queued' },
  };
}

describe('VoiceController', () => {
  let root: string;
  let state: StateStore;
  let uploads: { sessionId: string; file: { filename: string; contentType: string; bytesBase64: string } }[];
  let reply: () => Promise<AttachmentUpload>;
  let handlers: Pick<ContractHandlers, 'voice.transcribe' | 'voice.update'>;
  const call = (name: 'voice.transcribe' | 'voice.update', params: unknown) =>
    dispatchCall(handlers as ContractHandlers, name, params);
  const params = (over: Partial<Upload> = {}): Upload => ({
    sessionId: 'sess-1',
    filename: 'desktop-voice-1.wav',
    contentType: 'audio/wav',
    audioBase64: WAV_BASE64,
    ...over,
  });

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'companion-voice-'));
    state = await StateStore.open({ stateRoot: root });
    await state.update((s) => ({ ...s, rollout: { ...s.rollout, voice_capture_enabled: true } }));
    uploads = [];
    reply = async () =>
      upload([
        derived({ kind: 'metadata_summary', derived_artifact_id: 'd-0', content_text: 'meta' }),
        derived({ content_text: 'Hello from the microphone', language: 'en', processing_ms: 7 }),
      ]);
    const controller = new VoiceController({
      client: {
        uploadAttachment: (sessionId, file) => {
          uploads.push({ sessionId, file });
          return reply();
        },
      },
      state,
      ensureSession: async (id) => id ?? 'sess-new',
      now: () => 1_000,
    });
    handlers = {
      'voice.transcribe': (input) => controller.transcribe(input),
      'voice.update': (input) => controller.update(input),
    };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const consent = () => call('voice.update', { captureConsent: true });
  const lastAudit = () => state.state.voice.auditLog.at(-1);

  it('refuses to transcribe before consent, and uploads nothing', async () => {
    const result = await call('voice.transcribe', params());
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'voice_consent_required' }),
    });
    expect(uploads).toEqual([]);
  });

  it('refuses while the voice_capture_enabled flag is off, even with consent', async () => {
    await consent();
    await state.update((s) => ({ ...s, rollout: { ...s.rollout, voice_capture_enabled: false } }));
    const result = await call('voice.transcribe', params());
    expect(result).toMatchObject({ ok: false, error: { code: 'voice_capture_disabled' } });
    expect(uploads).toEqual([]);
  });

  it('records consent once with its time, and a revoke clears it', async () => {
    await call('voice.update', {
      captureConsent: true,
      audit: { kind: 'consent_granted', detail: 'granted', sessionId: 'sess-1' },
    });
    expect(state.state.voice.captureConsentAtMs).toBe(1_000);
    expect(lastAudit()).toMatchObject({ kind: 'consent_granted', sessionId: 'sess-1', createdAtMs: 1_000 });
    await call('voice.update', { captureConsent: false });
    expect(state.state.voice.captureConsentAtMs).toBeNull();
  });

  it('uploads the recording to the session and returns the transcript with a privacy note', async () => {
    await consent();
    await call('voice.update', { inputDevice: { id: 'mic-2', label: 'USB mic' } });
    const result = await call('voice.transcribe', params());
    expect(result).toEqual({
      ok: true,
      value: {
        sessionId: 'sess-1',
        attachmentId: 'a-1',
        derivedArtifactId: 'd-1',
        text: 'Hello from the microphone',
        language: 'en',
        durationMs: null,
        processingMs: 7,
        privacyNote: PRIVACY_NOTE,
      },
    });
    expect(uploads).toEqual([
      {
        sessionId: 'sess-1',
        file: { filename: 'desktop-voice-1.wav', contentType: 'audio/wav', bytesBase64: WAV_BASE64 },
      },
    ]);
    // The audit entry says it left the machine, and from which microphone.
    expect(lastAudit()).toMatchObject({
      kind: 'transcript_ready',
      remoteProcessing: true,
      inputDeviceLabel: 'USB mic',
      sessionId: 'sess-1',
    });
    expect(lastAudit()?.detail).toContain('25 characters');
    // …and its code and values, for the UI to say it in the operator's language.
    expect(lastAudit()).toMatchObject({
      detailCode: 'transcript_ready',
      detailParams: {
        filename: 'desktop-voice-1.wav',
        contentType: 'audio/wav',
        bytes: Math.floor((WAV_BASE64.length * 3) / 4),
        chars: 25,
      },
    });
  });

  it('creates a session when the chat has none', async () => {
    await consent();
    const result = await call('voice.transcribe', params({ sessionId: null }));
    expect(result).toMatchObject({ ok: true, value: { sessionId: 'sess-new' } });
    expect(uploads[0]?.sessionId).toBe('sess-new');
  });

  it('refuses a recording over the size cap before uploading it', async () => {
    await consent();
    const fits = 'A'.repeat(MAX_VOICE_AUDIO_BASE64 - (MAX_VOICE_AUDIO_BASE64 % 4));
    expect(await call('voice.transcribe', params({ audioBase64: fits }))).toMatchObject({ ok: true });
    const tooBig = 'A'.repeat(MAX_VOICE_AUDIO_BASE64 + 4 - (MAX_VOICE_AUDIO_BASE64 % 4));
    const result = await call('voice.transcribe', params({ audioBase64: tooBig }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(JSON.stringify(result)).toContain('record a shorter message');
    expect(uploads).toHaveLength(1);
  });

  it('refuses a non-audio content type, an empty recording and text that is not base64', async () => {
    await consent();
    for (const bad of [
      { contentType: 'image/png' },
      { contentType: 'text/plain' },
      { contentType: 'audio/webm; evil=1' },
      { audioBase64: '' },
      { audioBase64: 'not base64!' },
      { filename: '../etc/passwd' },
    ]) {
      const result = await call('voice.transcribe', params(bad));
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
    expect(uploads).toEqual([]);
  });

  it('says a gateway that cannot sniff audio does not accept audio attachments', async () => {
    await consent();
    reply = () =>
      Promise.reject(
        new GatewayError(
          'gateway_error',
          'invalid media attachment: attachment content type could not be safely sniffed',
          'h',
          { status: 500 },
        ),
      );
    const result = await call('voice.transcribe', params());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'voice_audio_not_accepted',
        message: expect.stringContaining('does not accept audio attachments'),
        hint: expect.stringContaining('Type the message instead'),
      },
    });
    expect(lastAudit()).toMatchObject({
      kind: 'transcription_failed',
      remoteProcessing: true,
      detail: expect.stringContaining('does not accept audio attachments'),
      detailCode: 'transcription_failed',
      detailParams: { errorCode: 'voice_audio_not_accepted' },
    });
  });

  it('records a failed transcript with the error code and the gateway reason as values', async () => {
    await consent();
    reply = async () => upload([derived({ state: 'failed', failure_reason: 'provider returned 401' })]);
    await call('voice.transcribe', params());
    expect(lastAudit()).toMatchObject({
      detailCode: 'transcription_failed',
      detailParams: { errorCode: 'voice_transcription_failed', reason: 'provider returned 401', given: 1 },
    });
  });

  it('keeps a detail code and values the UI sends with an entry, and entries without one', async () => {
    await call('voice.update', {
      audit: {
        kind: 'capture_stopped',
        detail: 'Stopped by you after 2.0 s (100 bytes captured).',
        detailCode: 'capture_stopped',
        detailParams: { seconds: 2, bytes: 100 },
      },
    });
    expect(lastAudit()).toMatchObject({
      detailCode: 'capture_stopped',
      detailParams: { seconds: 2, bytes: 100 },
    });
    await call('voice.update', { audit: { kind: 'input_device_selected', detail: 'USB mic' } });
    expect(lastAudit()).not.toHaveProperty('detailCode');
    expect(lastAudit()).not.toHaveProperty('detailParams');
    for (const bad of [
      { detailCode: 'made_up' },
      { detailParams: { 'bad key': 'x' } },
      { detailParams: { device: 'x'.repeat(501) } },
    ]) {
      const result = await call('voice.update', { audit: { kind: 'tts_started', detail: 'd', ...bad } });
      expect(result, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    }
  });

  it('maps a 413, a network failure, a failed and a missing transcript to their own messages', async () => {
    await consent();
    const cases: [() => Promise<AttachmentUpload>, string, RegExp][] = [
      [
        () => Promise.reject(new GatewayError('payload_too_large', 'too big', 'h', { status: 413 })),
        'voice_audio_too_large',
        /shorter/,
      ],
      [() => Promise.reject(new Error('ECONNREFUSED')), 'voice_upload_failed', /gateway is online/],
      [
        // palyrad 1e2f4d1 with an upload its sniffer accepts: the workspace index refuses it.
        () =>
          Promise.reject(
            new GatewayError(
              'gateway_error',
              'code: \'Internal error\', message: "upsert workspace document failed: invalid workspace path: workspace root is not allowed: attachments"',
              'h',
              { status: 500 },
            ),
          ),
        'voice_attachments_broken',
        /update Palyra/,
      ],
      [
        async () => upload([derived({ state: 'failed', failure_reason: 'provider returned 401' })]),
        'voice_transcription_failed',
        /model provider/,
      ],
      [
        async () => upload([derived({ kind: 'metadata_summary', content_text: 'm' })], 'text/plain'),
        'voice_transcription_unavailable',
        /type the message instead/,
      ],
      // A transcript that succeeded with no words is no transcript.
      [async () => upload([derived({ content_text: '  ' })]), 'voice_transcription_unavailable', /type/],
    ];
    for (const [next, code, hint] of cases) {
      reply = next;
      const result = await call('voice.transcribe', params());
      expect(result, code).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.hint, code).toMatch(hint);
    }
    reply = cases[3]![0];
    const failed = await call('voice.transcribe', params());
    expect(failed.ok ? '' : failed.error.message).toContain('provider returned 401');
    reply = cases[4]![0];
    const missing = await call('voice.transcribe', params());
    expect(missing.ok ? '' : missing.error.message).toContain('stored the recording as "text/plain"');
  });

  it('passes other gateway errors through unchanged (they already say what to do)', async () => {
    await consent();
    const original = new GatewayError('forbidden', 'The admin token was refused.', 'Re-pair.', {
      status: 403,
    });
    reply = () => Promise.reject(original);
    expect(await call('voice.transcribe', params())).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'The admin token was refused.', hint: 'Re-pair.' },
    });
  });

  it('keeps only the newest 40 audit entries', async () => {
    for (let i = 0; i < 45; i++)
      await call('voice.update', { audit: { kind: 'tts_started', detail: `entry ${i}` } });
    const log = state.state.voice.auditLog;
    expect(log).toHaveLength(40);
    expect(log[0]?.detail).toBe('entry 5');
    expect(log.at(-1)?.detail).toBe('entry 44');
  });
});
