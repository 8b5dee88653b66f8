// Captured lines are stored raw and finished (redacted, level parsed) only when something reads
// them: the ring when logs are asked for, the batcher when a batch reaches listeners, the log
// file when one is written. A sidecar printing a million lines then costs a split and a ring slot
// per line, and redaction runs only for the few hundred lines anybody keeps or sees.
import type { LogLine } from '../../contract/model';
import { parseLogLine } from './log-level';
import type { Redactor } from './redactor';

const TRUNCATED_MARK = ' …[truncated]';

interface Unfinished {
  redactor: Redactor;
  truncated: boolean;
}

/** Lines still holding raw sidecar output; removed once finished, so each line is redacted once. */
const unfinished = new WeakMap<LogLine, Unfinished>();

/** Marks `line.line` as raw output still to be redacted (and `level` as not parsed yet). */
export function markRaw(line: LogLine, redactor: Redactor, truncated: boolean): LogLine {
  unfinished.set(line, { redactor, truncated });
  return line;
}

/** Redacts and level-parses a raw line in place (no-op for finished ones); returns it. */
export function finishLine(line: LogLine): LogLine {
  const pending = unfinished.get(line);
  if (pending === undefined) return line;
  unfinished.delete(line);
  line.line = pending.redactor.redact(line.line) + (pending.truncated ? TRUNCATED_MARK : '');
  line.level = parseLogLine(line.line).level;
  return line;
}

/** Whether a line still holds raw output (tests, and the bench's accounting). */
export function isRaw(line: LogLine): boolean {
  return unfinished.has(line);
}
