// Level of a captured line. palyrad/browserd print tracing-subscriber JSON
// ({"timestamp","level":"INFO","fields":{"message":…},"target"}); other sidecars print text.
import type { LogLevel } from '../../contract/model';

const LEVELS: Record<string, LogLevel> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'error',
};

const TEXT_LEVEL = /^\s*(?:\S+\s+){0,2}?\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\]?[\s:]/i;

export interface ParsedLine {
  level: LogLevel | null;
  /** For JSON lines: `fields.message` (plus the target), easier to read than the raw JSON. */
  message: string | null;
}

export function parseLogLine(line: string): ParsedLine {
  if (line.charCodeAt(0) === 123 /* { */) {
    try {
      const json = JSON.parse(line) as { level?: unknown; fields?: { message?: unknown }; message?: unknown };
      const level = typeof json.level === 'string' ? (LEVELS[json.level.toLowerCase()] ?? null) : null;
      const msg =
        typeof json.fields?.message === 'string'
          ? json.fields.message
          : typeof json.message === 'string'
            ? json.message
            : null;
      return { level, message: msg };
    } catch {
      // Not JSON after all; fall through to text.
    }
  }
  const m = TEXT_LEVEL.exec(line);
  return { level: m ? (LEVELS[m[1]!.toLowerCase()] ?? null) : null, message: null };
}
