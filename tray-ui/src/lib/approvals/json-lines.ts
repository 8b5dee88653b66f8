// Pretty-printed JSON as lines the UI can render and fold: one line per scalar, object key or
// bracket, indented by depth. Long strings (many characters or several lines) are marked `long`
// so the view can show their start with a "show more" toggle instead of a wall of text.
import type { JsonValue } from '../../../../main/contract/model';

export interface JsonLine {
  /** Stable per position, for keyed rendering and fold state. */
  id: string;
  depth: number;
  key: string | null;
  /** The rendered value: a JSON scalar, `{`, `}`, `[` or `]` (plus a trailing comma when needed). */
  text: string;
  /** The value is a long string: `text` holds its full JSON form, `preview` its start. */
  long: boolean;
  preview: string;
}

export const FOLD_CHARS = 120;
const FOLD_LINES = 3;

function isLong(value: string): boolean {
  return value.length > FOLD_CHARS || value.split('\n').length > FOLD_LINES;
}

function previewOf(value: string): string {
  const firstLines = value.split('\n').slice(0, FOLD_LINES).join('\n');
  const cut = firstLines.length > FOLD_CHARS ? firstLines.slice(0, FOLD_CHARS) : firstLines;
  return `${JSON.stringify(cut).slice(0, -1)}…"`;
}

export function jsonLines(value: JsonValue): JsonLine[] {
  const out: JsonLine[] = [];
  const walk = (v: JsonValue, depth: number, key: string | null, path: string, comma: string): void => {
    const base = { depth, key, long: false, preview: '' };
    if (Array.isArray(v) || (v !== null && typeof v === 'object')) {
      const entries: [string | null, JsonValue][] = Array.isArray(v)
        ? v.map((item) => [null, item])
        : Object.entries(v);
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        out.push({ ...base, id: path, text: `${open}${close}${comma}` });
        return;
      }
      out.push({ ...base, id: path, text: open });
      entries.forEach(([k, item], i) =>
        walk(item, depth + 1, k, `${path}/${k ?? i}`, i < entries.length - 1 ? ',' : ''),
      );
      out.push({ depth, key: null, long: false, preview: '', id: `${path}/$end`, text: `${close}${comma}` });
      return;
    }
    if (typeof v === 'string' && isLong(v)) {
      out.push({
        ...base,
        id: path,
        text: `${JSON.stringify(v)}${comma}`,
        long: true,
        preview: previewOf(v),
      });
      return;
    }
    out.push({ ...base, id: path, text: `${JSON.stringify(v)}${comma}` });
  };
  walk(value, 0, null, '$', '');
  return out;
}
