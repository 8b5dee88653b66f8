// The contract's check of a recording before core touches it: audio/* only, base64 that palyrad's
// padded decoder accepts, and no more than fits palyrad's 64 KiB request body.
import { describe, expect, it } from 'vitest';
import { callSchemas } from '../../../main/contract/calls';
import { MAX_VOICE_AUDIO_BASE64 } from '../../../main/contract/voice';

const parse = (over: Record<string, unknown>) =>
  callSchemas['voice.transcribe'].safeParse({
    sessionId: null,
    filename: 'desktop-voice-1.webm',
    contentType: 'audio/webm;codecs=opus',
    audioBase64: 'GkXfow==',
    ...over,
  });
const message = (over: Record<string, unknown>) => {
  const r = parse(over);
  return r.success ? 'accepted' : r.error.issues.map((i) => i.message).join('; ');
};

describe('voice.transcribe params', () => {
  it('accepts padded base64 of any length up to the cap', () => {
    for (const audioBase64 of ['GkXf', 'GkXfow==', 'GkXfo2==', 'GkXfowA=']) {
      expect(parse({ audioBase64 }).success, audioBase64).toBe(true);
    }
    const atCap = 'A'.repeat(MAX_VOICE_AUDIO_BASE64 - (MAX_VOICE_AUDIO_BASE64 % 4));
    expect(parse({ audioBase64: atCap }).success).toBe(true);
  });

  it('leaves room in palyrad 64 KiB body for the JSON around the audio', () => {
    const body = JSON.stringify({
      filename: 'f'.repeat(200),
      content_type: `audio/${'x'.repeat(94)}`,
      bytes_base64: 'A'.repeat(MAX_VOICE_AUDIO_BASE64),
    });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(64 * 1024);
  });

  it('refuses oversize, empty, unpadded and non-base64 audio, each with its own message', () => {
    expect(message({ audioBase64: 'A'.repeat(MAX_VOICE_AUDIO_BASE64 + 4) })).toMatch(
      /larger than the gateway accepts.*record a shorter message/,
    );
    expect(message({ audioBase64: '' })).toMatch(/the recording is empty/);
    // palyrad's Rust STANDARD engine refuses text that is not a multiple of 4 characters.
    expect(message({ audioBase64: 'GkXfow' })).toMatch(/padded base64/);
    expect(message({ audioBase64: 'GkXfo' })).toMatch(/padded base64/);
    expect(message({ audioBase64: 'Gk Xf' })).toMatch(/must be base64/);
    expect(message({ audioBase64: 'GkXf====' })).toMatch(/must be base64/);
    expect(message({ audioBase64: 'data:audio/webm;base64,GkXf' })).toMatch(/must be base64/);
  });

  it('accepts audio types only, with at most a codecs parameter', () => {
    for (const contentType of ['audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/wav']) {
      expect(parse({ contentType }).success, contentType).toBe(true);
    }
    for (const contentType of ['video/webm', 'image/png', 'text/plain', 'audio/', 'audio/webm;x=1', '']) {
      expect(message({ contentType }), contentType).toMatch(/audio\/\* type/);
    }
  });

  it('refuses file names palyrad would rewrite, and unknown fields', () => {
    expect(message({ filename: 'a/b.webm' })).toMatch(/letters, digits/);
    expect(message({ filename: '' })).not.toBe('accepted');
    expect(message({ extra: 1 })).toMatch(/Unrecognized key/i);
  });
});
