// Captured lines are stored raw and finished (redacted, level parsed) only when something reads
// them: the ring when logs are asked for, the batcher when a batch reaches listeners, the log
// file when one is written. A sidecar printing a million lines then costs a split and a ring slot
// per line, and redaction runs only for the few hundred lines anybody keeps or sees.
import type { LogLevel, LogLine, LogStream } from '../../contract/model';
import { parseLogLine } from './log-level';
import type { Redactor } from './redactor';

const TRUNCATED_MARK = ' …[truncated]';

/**
 * One line as captured. Its public fields are exactly LogLine's; what finishing needs sits in
 * private fields, which JSON.stringify and structured clone never copy, so nothing raw leaves the
 * process. A class (not a spread or a side table) keeps the hot path at one small allocation.
 */
class CapturedLine implements LogLine {
  level: LogLevel | null = null;
  #redactor: Redactor | null;
  #truncated: boolean;

  constructor(
    public seq: number,
    public unix_ms: number,
    public service: string,
    public stream: LogStream,
    public line: string,
    redactor: Redactor,
    truncated: boolean,
  ) {
    this.#redactor = redactor;
    this.#truncated = truncated;
  }

  get raw(): boolean {
    return this.#redactor !== null;
  }

  finish(): this {
    const redactor = this.#redactor;
    if (redactor === null) return this;
    this.#redactor = null;
    this.line = redactor.redact(this.line) + (this.#truncated ? TRUNCATED_MARK : '');
    this.level = parseLogLine(this.line).level;
    return this;
  }
}

/** A captured line whose `line` is raw sidecar output still to be redacted (`level` not parsed). */
export function rawLogLine(fields: Omit<LogLine, 'level'>, redactor: Redactor, truncated: boolean): LogLine {
  return new CapturedLine(
    fields.seq,
    fields.unix_ms,
    fields.service,
    fields.stream,
    fields.line,
    redactor,
    truncated,
  );
}

/** Redacts and level-parses a raw line in place (no-op for finished ones); returns it. */
export function finishLine(line: LogLine): LogLine {
  return line instanceof CapturedLine ? line.finish() : line;
}

/** Whether a line still holds raw output (tests, and the bench's accounting). */
export function isRaw(line: LogLine): boolean {
  return line instanceof CapturedLine && line.raw;
}
