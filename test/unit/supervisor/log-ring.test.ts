import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract/model';
import { LogRing } from '../../../main/core/logs/log-ring';
import { LineSplitter } from '../../../main/core/logs/line-splitter';
import { parseLogLine } from '../../../main/core/logs/log-level';

const line = (seq: number): LogLine => ({
  seq,
  unix_ms: seq,
  service: 's',
  stream: 'stdout',
  line: `l${seq}`,
  level: null,
});

describe('LogRing', () => {
  it('keeps the newest `capacity` lines in order and counts evictions', () => {
    const ring = new LogRing(400);
    for (let i = 1; i <= 1000; i++) ring.push(line(i));
    const all = ring.toArray();
    expect(all).toHaveLength(400);
    expect(all[0]!.seq).toBe(601);
    expect(all[399]!.seq).toBe(1000);
    expect(ring.evicted).toBe(600);
    expect(ring.toArray(3).map((l) => l.seq)).toEqual([998, 999, 1000]);
  });

  it('works below capacity and rejects a bad capacity', () => {
    const ring = new LogRing(5);
    ring.push(line(1));
    ring.push(line(2));
    expect(ring.toArray().map((l) => l.seq)).toEqual([1, 2]);
    expect(() => new LogRing(0)).toThrow(RangeError);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, strips CR, flushes the tail', () => {
    const out: string[] = [];
    const s = new LineSplitter((l) => out.push(l));
    s.push('ab');
    s.push('c\r\nde\nf');
    s.flush();
    expect(out).toEqual(['abc', 'de', 'f']);
  });

  it('truncates overlong lines without buffering them', () => {
    const out: [string, boolean][] = [];
    const s = new LineSplitter((l, t) => out.push([l, t]), 10);
    s.push('x'.repeat(7));
    s.push('y'.repeat(1000));
    s.push('\nok\n');
    expect(out).toEqual([
      ['xxxxxxxyyy', true],
      ['ok', false],
    ]);
  });
});

describe('parseLogLine', () => {
  it('reads the level of tracing JSON lines and their message', () => {
    const p = parseLogLine(
      '{"timestamp":"t","level":"WARN","fields":{"message":"daemon listening"},"target":"palyrad"}',
    );
    expect(p).toEqual({ level: 'warn', message: 'daemon listening' });
  });

  it('reads text levels and returns null when there is none', () => {
    expect(parseLogLine('ERROR failed to bind').level).toBe('error');
    expect(parseLogLine('2026-01-01T00:00:00Z  INFO palyrad: up').level).toBe('info');
    expect(parseLogLine('hello world').level).toBeNull();
    expect(parseLogLine('{not json').level).toBeNull();
  });
});
