// What palyrad's media store makes of uploaded bytes (media.rs sniff_content): the declared type
// is ignored, the bytes decide. palyrad 1e2f4d1 recognises PNG, JPEG, WebP, GIF, JSON and text and
// refuses everything else, audio included. The simulator recognises audio containers only when it
// is told to model a gateway that transcribes (PALYRA_SIM_AUDIO_TRANSCRIPT, see daemon-config.ts).

export interface Sniffed {
  contentType: string;
  widthPx: number | null;
  heightPx: number | null;
}

/** palyrad's refusals, word for word (they reach the client as a 500 `internal_error`). */
export const SNIFF_ERRORS = {
  empty: 'attachment bytes cannot be empty',
  unknown: 'attachment content type could not be safely sniffed',
  svg: 'SVG attachments are blocked by default',
} as const;

export class SniffError extends Error {}

function startsWith(bytes: Buffer, prefix: number[] | string, at = 0): boolean {
  const want = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : Buffer.from(prefix);
  return bytes.length >= at + want.length && bytes.subarray(at, at + want.length).equals(want);
}

function utf8(bytes: Buffer): string | null {
  try {
    // ignoreBOM keeps a leading BOM in the text, as Rust's from_utf8 does: serde_json then refuses
    // it as JSON and palyrad stores the file as text/plain, so the simulator must too.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Audio containers a browser's MediaRecorder (or a test WAV) produces. */
function sniffAudio(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  if (startsWith(bytes, 'OggS')) return 'audio/ogg';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return 'audio/wav';
  if (startsWith(bytes, 'ftyp', 4)) return 'audio/mp4';
  if (startsWith(bytes, 'ID3') || startsWith(bytes, [0xff, 0xfb])) return 'audio/mpeg';
  return null;
}

export function sniffContent(bytes: Buffer, audio: boolean): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && bytes.length >= 24) {
    return { contentType: 'image/png', widthPx: bytes.readUInt32BE(16), heightPx: bytes.readUInt32BE(20) };
  }
  if ((startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) && bytes.length >= 10) {
    return { contentType: 'image/gif', widthPx: bytes.readUInt16LE(6), heightPx: bytes.readUInt16LE(8) };
  }
  const audioType = audio ? sniffAudio(bytes) : null;
  if (audioType) return { contentType: audioType, widthPx: null, heightPx: null };
  const text = utf8(bytes);
  if (text !== null && text.trimStart().toLowerCase().includes('<svg'))
    throw new SniffError(SNIFF_ERRORS.svg);
  if (text !== null) {
    try {
      JSON.parse(text);
      return { contentType: 'application/json', widthPx: null, heightPx: null };
    } catch {
      // not JSON
    }
    if (!text.includes('\u0000')) return { contentType: 'text/plain', widthPx: null, heightPx: null };
  }
  // JPEG and WebP are not modelled: refusing them is stricter than palyrad, never laxer.
  throw new SniffError(SNIFF_ERRORS.unknown);
}

/** Rust's base64 STANDARD engine: canonical padding and no stray bits, or it refuses. */
export function decodeStrictBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** palyrad's `sanitize_filename`: anything but [A-Za-z0-9._-] becomes `_`, outer dots trimmed. */
export function sanitizeFilename(raw: string, contentType: string): string {
  // `u`: one `_` per character, as Rust's chars() gives, not one per UTF-16 unit of an emoji.
  const cleaned = raw.replace(/[^A-Za-z0-9._-]/gu, '_').replace(/^\.+|\.+$/g, '');
  if (cleaned) return cleaned;
  const fallback: Record<string, string> = {
    'image/png': 'attachment.png',
    'image/gif': 'attachment.gif',
    'application/json': 'attachment.json',
    'text/plain': 'attachment.txt',
  };
  return fallback[contentType] ?? 'attachment.bin';
}
