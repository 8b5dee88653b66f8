import { describe, expect, it } from 'vitest';
import { NdjsonLineSplitter } from '../../../main/core/gateway/ndjson-lines';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('NdjsonLineSplitter', () => {
  it('emits lines only when their newline arrives, across arbitrary chunk boundaries', () => {
    const splitter = new NdjsonLineSplitter();
    expect(splitter.push(bytes('{"type":"me'))).toEqual([]);
    expect(splitter.push(bytes('ta"}\n{"type":'))).toEqual(['{"type":"meta"}']);
    expect(splitter.push(bytes('"complete"}\n\n'))).toEqual(['{"type":"complete"}']);
    expect(splitter.finish()).toBe('');
  });

  it('keeps multi-byte UTF-8 sequences split between chunks intact', () => {
    const line = bytes('{"token":"žluťoučký 🐎"}\n');
    for (let cut = 1; cut < line.length - 1; cut += 1) {
      const splitter = new NdjsonLineSplitter();
      const out = [...splitter.push(line.slice(0, cut)), ...splitter.push(line.slice(cut))];
      expect(out).toEqual(['{"token":"žluťoučký 🐎"}']);
    }
  });

  it('handles one byte at a time, CRLF endings and a trailing unterminated line', () => {
    const splitter = new NdjsonLineSplitter();
    const out: string[] = [];
    for (const b of bytes('a\r\nb\nc')) out.push(...splitter.push(Uint8Array.of(b)));
    expect(out).toEqual(['a', 'b']);
    expect(splitter.finish()).toBe('c');
  });
});
