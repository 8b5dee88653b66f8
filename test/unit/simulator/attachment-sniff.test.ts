// The simulator's reading of uploaded bytes must match palyrad's sniff_content (media.rs): the
// declared type is ignored, images/JSON/text are recognised, audio only when the simulator models a
// transcribing gateway, and everything else is refused with palyrad's words.
import { describe, expect, it } from 'vitest';
import {
  decodeStrictBase64,
  sanitizeFilename,
  SNIFF_ERRORS,
  sniffContent,
} from '../../../main/dev/simulator/attachment-sniff';

const bin = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const wav = bin('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ', [16, 0, 0, 0, 1, 0, 1, 0]);
const webm = bin([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
const ogg = bin('OggS', [0, 2, 0, 0, 0, 0]);
const mp4 = bin([0, 0, 0, 0x18], 'ftypM4A ', [0, 0, 0, 0]);
const mp3 = bin('ID3', [4, 0, 0, 0, 0, 0, 0]);
const png = bin(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0, 0, 0, 13],
  'IHDR',
  [0, 0, 1, 0],
  [0, 0, 0, 32],
);

describe('simulator attachment sniffing', () => {
  it('recognises each recorder container as audio when modelling a transcribing gateway', () => {
    expect(sniffContent(wav, true).contentType).toBe('audio/wav');
    expect(sniffContent(webm, true).contentType).toBe('audio/webm');
    expect(sniffContent(ogg, true).contentType).toBe('audio/ogg');
    expect(sniffContent(mp4, true).contentType).toBe('audio/mp4');
    expect(sniffContent(mp3, true).contentType).toBe('audio/mpeg');
  });

  it("refuses the same audio with palyrad's message when modelling palyrad 1e2f4d1", () => {
    for (const audio of [wav, webm, ogg, mp4, mp3]) {
      expect(() => sniffContent(audio, false)).toThrow(SNIFF_ERRORS.unknown);
    }
  });

  it('reads images, JSON and text as palyrad does, whatever audio mode', () => {
    for (const audio of [true, false]) {
      expect(sniffContent(png, audio)).toEqual({ contentType: 'image/png', widthPx: 256, heightPx: 32 });
      expect(sniffContent(Buffer.from('{"a":1}'), audio).contentType).toBe('application/json');
      expect(sniffContent(Buffer.from('hello there'), audio).contentType).toBe('text/plain');
      expect(() => sniffContent(Buffer.from('<?xml?><svg/>'), audio)).toThrow(SNIFF_ERRORS.svg);
      expect(() => sniffContent(bin('text', [0]), audio)).toThrow(SNIFF_ERRORS.unknown);
    }
  });

  it('keeps a UTF-8 BOM as Rust does: serde_json refuses it, so the file is text, not JSON', () => {
    expect(sniffContent(bin([0xef, 0xbb, 0xbf], '{"a":1}'), false).contentType).toBe('text/plain');
  });

  it('decodes only canonical padded base64, like Rust STANDARD', () => {
    expect(decodeStrictBase64('aGk=')).toEqual(Buffer.from('hi'));
    expect(decodeStrictBase64('aGk')).toBeNull();
    expect(decodeStrictBase64('aGl=')).toBeNull(); // stray bits
    expect(decodeStrictBase64('aG k=')).toBeNull();
  });

  it('sanitizes file names as palyrad does', () => {
    expect(sanitizeFilename('../voice clip.webm', 'audio/webm')).toBe('_voice_clip.webm');
    expect(sanitizeFilename('voice 🎤é.webm', 'audio/webm')).toBe('voice___.webm');
    expect(sanitizeFilename('...', 'text/plain')).toBe('attachment.txt');
    expect(sanitizeFilename('...', 'audio/webm')).toBe('attachment.bin');
  });
});
