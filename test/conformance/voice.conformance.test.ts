// Voice input's gateway side: POST /console/v1/chat/sessions/{id}/attachments checked on both
// targets with the same expectations (the simulator runs with PALYRA_SIM_AUDIO_TRANSCRIPT=off, i.e.
// as palyrad 1e2f4d1 is). palyrad 1e2f4d1 cannot transcribe a recording here: its media store
// sniffs the bytes and knows only PNG/JPEG/WebP/GIF/JSON/text (media.rs sniff_content), so every
// audio upload is refused with a 500 before transcription (execute_audio_transcription) is reached,
// whatever model provider is configured. What it does do is checked: validation, limits, the reply
// shape of an accepted upload, the refusal of audio, and the product's message for it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conformanceTargets,
  ensureDefaultAgent,
  startTarget,
  waitHealthy,
  type ConsoleClient,
  type RunningTarget,
} from './support/palyra-target';
import { startModelServer, type ModelServer } from './support/model-server';

const targets = conformanceTargets();

function spokenWav(): string {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-voice-'));
  const file = join(dir, 'hello.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', file, 'hello'], { stdio: 'pipe' });
  return readFileSync(file).toString('base64');
}

describe.each(targets)('Palyra voice attachments conformance: $title', ({ kind, skip }) => {
  let model: ModelServer | null = null;
  let target: RunningTarget | null = null;
  let consoleClient: ConsoleClient;
  let sessionId = '';
  const path = () => `/console/v1/chat/sessions/${sessionId}/attachments`;

  beforeAll(async () => {
    if (skip) return;
    model = await startModelServer();
    target = await startTarget(kind, { ...model.env, PALYRA_SIM_AUDIO_TRANSCRIPT: 'off' });
    await waitHealthy(target);
    consoleClient = await target.console();
    await ensureDefaultAgent(consoleClient);
    sessionId = (await target.call('chat.createSession', { label: 'voice conformance' })).sessionId;
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
    await model?.close();
  });

  it.skipIf(skip)('refuses bad uploads exactly as palyrad does', async () => {
    const good = {
      filename: 'note.txt',
      content_type: 'text/plain',
      bytes_base64: Buffer.from('hi').toString('base64'),
    };
    expect((await consoleClient.request('POST', path(), good, { csrf: false })).status).toBe(403);
    const badId = await consoleClient.request(
      'POST',
      '/console/v1/chat/sessions/not-a-ulid/attachments',
      good,
    );
    expect([badId.status, badId.body.error]).toEqual([400, 'session_id must be a canonical ULID']);
    const noName = await consoleClient.request('POST', path(), { ...good, filename: '  ' });
    expect([noName.status, noName.body.error]).toEqual([400, 'filename cannot be empty']);
    const noType = await consoleClient.request('POST', path(), { ...good, content_type: '' });
    expect([noType.status, noType.body.error]).toEqual([400, 'content_type cannot be empty']);
    const badB64 = await consoleClient.request('POST', path(), { ...good, bytes_base64: 'abc' });
    expect([badB64.status, badB64.body.error]).toEqual([400, 'bytes_base64 must be valid base64']);
    const empty = await consoleClient.request('POST', path(), { ...good, bytes_base64: '' });
    expect(empty.status).toBe(500);
    expect(String(empty.body.error)).toContain('attachment bytes cannot be empty');
    const missing = await consoleClient.request('POST', path(), {
      filename: 'x.txt',
      content_type: 'text/plain',
    });
    expect(missing.status).toBe(422);
    const huge = await consoleClient.request('POST', path(), {
      ...good,
      bytes_base64: 'A'.repeat(70 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it.skipIf(skip)(
    'refuses every upload its sniffer accepts: palyrad 1e2f4d1 cannot index attachments in its workspace',
    async () => {
      // Text, JSON (a BOM-prefixed one is text to palyrad) and an image all pass the sniffer, then
      // fail where palyrad indexes the metadata summary as `attachments/…/metadata_summary.md`.
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        Buffer.from('IHDR'),
        Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
      ]);
      const uploads = [
        { filename: 'voice note.txt', bytes: Buffer.from('remember the release checklist') },
        {
          filename: 'note🎤.json',
          bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]),
        },
        { filename: 'pixel.png', bytes: png },
      ];
      for (const upload of uploads) {
        const reply = await consoleClient.request('POST', path(), {
          filename: upload.filename,
          content_type: 'text/plain',
          bytes_base64: upload.bytes.toString('base64'),
        });
        expect(reply.status, upload.filename).toBe(500);
        expect(reply.body.code).toBe('internal_error');
        expect(String(reply.body.error), upload.filename).toContain(
          'upsert workspace document failed: invalid workspace path: workspace root is not allowed: attachments',
        );
      }
    },
  );

  it.skipIf(skip)(
    'refuses audio (the upload sniffer has no audio types), and the product says so',
    async () => {
      const wav = spokenWav();
      const reply = await consoleClient.request('POST', path(), {
        filename: 'desktop-voice.wav',
        content_type: 'audio/wav',
        bytes_base64: wav,
      });
      expect(reply.status).toBe(500);
      expect(reply.body.code).toBe('internal_error');
      expect(String(reply.body.error)).toContain('attachment content type could not be safely sniffed');

      expect(
        await target!.callError('voice.transcribe', {
          sessionId,
          filename: 'desktop-voice.wav',
          contentType: 'audio/wav',
          audioBase64: wav,
        }),
      ).toContain('voice_capture_enabled');
      await target!.call('settings.save', { rollout: { voice_capture_enabled: true } });
      expect(
        await target!.callError('voice.transcribe', {
          sessionId,
          filename: 'desktop-voice.wav',
          contentType: 'audio/wav',
          audioBase64: wav,
        }),
      ).toContain('consent');
      await target!.call('voice.update', { captureConsent: true });
      expect(
        await target!.callError('voice.transcribe', {
          sessionId,
          filename: 'desktop-voice.wav',
          contentType: 'audio/wav',
          audioBase64: wav,
        }),
      ).toContain('does not accept audio attachments');
      const audit = (await target!.snapshot()).voice.auditLog;
      expect(audit.at(-1)).toMatchObject({ kind: 'transcription_failed', remoteProcessing: true, sessionId });
    },
  );
});
