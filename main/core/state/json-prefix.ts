// Reads as much of a damaged JSON document as is certainly intact: the longest valid prefix, cut
// at the first byte that is missing or wrong. An object keeps every member completed before the
// cut (a half-read nested object keeps its own completed members); an array keeps only its
// complete items (half an entry is no entry). A number or literal not followed by a delimiter
// may be missing characters, so it counts as unread.

export interface JsonPrefix {
  value: unknown;
  /** False when the document was cut short or damaged. */
  complete: boolean;
  /** Byte offset (in characters) where reading stopped. */
  stoppedAt: number;
  /** Keys (and array indexes) of the containers that were cut, outermost first. */
  cutPath: (string | number)[];
}

type Read = { ok: true; value: unknown } | { ok: false; partial?: unknown };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DELIMITERS = ' \t\n\r,}]';
const LITERALS: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

export function parseJsonPrefix(text: string): JsonPrefix {
  let at = 0;
  const cutPath: (string | number)[] = [];

  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };

  const readString = (): string | null => {
    // JSON.parse does the escapes; we only find the closing quote.
    let end = at + 1;
    while (end < text.length && text[end] !== '"') {
      if (text[end] === '\\') end++;
      else if (text.charCodeAt(end) < 0x20) return null;
      end++;
    }
    if (end >= text.length) return null;
    try {
      const value = JSON.parse(text.slice(at, end + 1)) as string;
      at = end + 1;
      return value;
    } catch {
      return null;
    }
  };

  const readValue = (): Read => {
    skipSpace();
    const c = text[at];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') {
      const s = readString();
      return s === null ? { ok: false } : { ok: true, value: s };
    }
    // A bare token counts only when a delimiter follows it: "17000" may be the start of
    // "1700000000001", "true" of "trueish".
    const ended = (end: number): boolean => end < text.length && DELIMITERS.includes(text[end]!);
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (m) {
      if (!ended(at + m[0].length)) return { ok: false };
      at += m[0].length;
      return { ok: true, value: Number(m[0]) };
    }
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, at) && ended(at + word.length)) {
        at += word.length;
        return { ok: true, value };
      }
    }
    return { ok: false };
  };

  const readObject = (): Read => {
    const out: Record<string, unknown> = {};
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return { ok: true, value: out };
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') return { ok: false, partial: out };
      const key = readString();
      if (key === null) return { ok: false, partial: out };
      skipSpace();
      if (text[at] !== ':') return { ok: false, partial: out };
      at++;
      const member = readValue();
      if (!member.ok) {
        if (member.partial !== undefined) out[key] = member.partial;
        cutPath.unshift(key);
        return { ok: false, partial: out };
      }
      out[key] = member.value;
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return { ok: true, value: out };
      }
      return { ok: false, partial: out };
    }
  };

  const readArray = (): Read => {
    const out: unknown[] = [];
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return { ok: true, value: out };
    }
    for (;;) {
      const item = readValue();
      if (!item.ok) {
        cutPath.unshift(out.length);
        return { ok: false, partial: out };
      }
      out.push(item.value);
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return { ok: true, value: out };
      }
      return { ok: false, partial: out };
    }
  };

  const top = readValue();
  if (top.ok) {
    skipSpace();
    return { value: top.value, complete: at === text.length, stoppedAt: at, cutPath };
  }
  return { value: top.partial, complete: false, stoppedAt: at, cutPath };
}
