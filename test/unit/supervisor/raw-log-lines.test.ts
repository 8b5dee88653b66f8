// Sidecar output is stored raw and redacted only when read: nothing raw leaves the ring or the
// batcher, and lines overwritten unseen are never redacted at all.
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract/model';
import { LogBatcher, LogRing, Redactor, isRaw, rawLogLine } from '../../../main/core/logs';

const SECRET = 'tok-0123456789abcdef';

function rawLine(seq: number, text: string, redactor: Redactor, truncated = false): LogLine {
  return rawLogLine({ seq, unix_ms: seq, service: 'gw', stream: 'stdout', line: text }, redactor, truncated);
}

class CountingRedactor extends Redactor {
  calls = 0;
  override redact(line: string): string {
    this.calls += 1;
    return super.redact(line);
  }
}

describe('raw log lines', () => {
  it('the ring finishes lines when read: redacted, level parsed, truncation marked, once', () => {
    const redactor = new CountingRedactor([SECRET]);
    const ring = new LogRing(10);
    ring.push(rawLine(1, `{"level":"WARN","fields":{"message":"auth ${SECRET}"}}`, redactor));
    ring.push(rawLine(2, `ERROR Bearer ${SECRET}`, redactor, true));
    expect(redactor.calls).toBe(0);
    const [a, b] = ring.toArray();
    expect(a!.line).not.toContain(SECRET);
    expect(a!.level).toBe('warn');
    expect(b!.line).toBe('ERROR Bearer <redacted> …[truncated]');
    expect(b!.level).toBe('error');
    expect(isRaw(a!)).toBe(false);
    ring.toArray();
    expect(redactor.calls).toBe(2);
  });

  it('a flood through a small ring redacts only what is kept', () => {
    const redactor = new CountingRedactor([SECRET]);
    const ring = new LogRing(400);
    for (let i = 0; i < 100_000; i += 1) ring.push(rawLine(i, `line ${i} ${SECRET}`, redactor));
    expect(redactor.calls).toBe(0);
    const kept = ring.toArray();
    expect(kept).toHaveLength(400);
    expect(kept.every((l) => !l.line.includes(SECRET))).toBe(true);
    expect(redactor.calls).toBe(400);
  });

  it('the batcher delivers finished lines only', () => {
    const redactor = new Redactor([SECRET]);
    const delivered: LogLine[] = [];
    const batcher = new LogBatcher((batch) => delivered.push(...batch), 1_000, 10);
    for (let i = 0; i < 50; i += 1) batcher.add(rawLine(i, `x ${SECRET}`, redactor));
    batcher.flush();
    expect(delivered).toHaveLength(10);
    expect(delivered.some((l) => l.line.includes(SECRET) || isRaw(l))).toBe(false);
    // What crosses to a UI is exactly LogLine's fields: nothing raw-related is serialised.
    expect(Object.keys(JSON.parse(JSON.stringify(delivered[0])) as object).sort()).toEqual([
      'level',
      'line',
      'seq',
      'service',
      'stream',
      'unix_ms',
    ]);
  });
});
