// palyrad (and the node host) log through tracing-subscriber's JSON layout:
// {"timestamp","level","fields":{"message",…},"target","span"?}. Shown raw, that is a wall of
// braces in a 380 px popover; this turns such a line into its message, its level and its fields
// as key=value pairs. Anything else (plain text, other JSON) is shown as it came.

export interface FormattedLogLine {
  message: string;
  /** `INFO`, `WARN`, … as the line said it; null for plain lines. */
  level: string | null;
  target: string | null;
  fields: { key: string; value: string }[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatLogLine(line: string): FormattedLogLine {
  const plain = { message: line, level: null, target: null, fields: [] };
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return plain;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return plain;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return plain;
  const record = parsed as Record<string, unknown>;
  const nested =
    record.fields && typeof record.fields === 'object' && !Array.isArray(record.fields)
      ? (record.fields as Record<string, unknown>)
      : {};
  const message = nested.message ?? record.message ?? record.msg;
  if (message === undefined && typeof record.level !== 'string') return plain;
  const skip = new Set(['timestamp', 'time', 'level', 'fields', 'target', 'message', 'msg']);
  const fields = [
    ...Object.entries(nested).filter(([k]) => k !== 'message'),
    ...Object.entries(record).filter(([k]) => !skip.has(k)),
  ].map(([key, value]) => ({ key, value: text(value) }));
  return {
    message: message === undefined ? '' : text(message),
    level: typeof record.level === 'string' ? record.level.toUpperCase() : null,
    target: typeof record.target === 'string' ? record.target : null,
    fields,
  };
}
