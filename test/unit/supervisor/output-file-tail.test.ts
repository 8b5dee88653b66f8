import {
  appendFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputFileTail, type OutputFileTailOptions } from '../../../main/core/supervisor/output-file-tail';
import { waitFor } from '../../support/wait-for';

let dir = '';
let tails: OutputFileTail[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'output-tail-'));
});
afterEach(() => {
  for (const t of tails) t.stop(false);
  tails = [];
  rmSync(dir, { recursive: true, force: true });
});

function follow(
  options: OutputFileTailOptions,
  fromOffset = 0,
): { tail: OutputFileTail; text: () => string } {
  let text = '';
  const tail = new OutputFileTail(join(dir, 'out.log'), (t) => (text += t), options);
  tails.push(tail);
  tail.start(fromOffset);
  return { tail, text: () => text };
}

describe('OutputFileTail', () => {
  it('reads what was there at start at once, then appended output as the watcher reports it', async () => {
    writeFileSync(join(dir, 'out.log'), 'first\n');
    // Polls far apart: only the start-up read and the watcher can bring the lines in time.
    const { text } = follow({ pollMs: 60_000, watchedPollMs: 60_000, maxBytes: 1 << 20 });
    await waitFor(() => text() === 'first\n', 'the line written before start', 2_000, { intervalMs: 10 });
    appendFileSync(join(dir, 'out.log'), 'second\n');
    await waitFor(() => text() === 'first\nsecond\n', 'both lines', 2_000, { intervalMs: 10 });
  });

  it('polls at pollMs when not watching', async () => {
    writeFileSync(join(dir, 'out.log'), '');
    const { text } = follow({ pollMs: 20, maxBytes: 1 << 20, watch: false });
    appendFileSync(join(dir, 'out.log'), 'polled\n');
    await waitFor(() => text() === 'polled\n', 'the polled line', 2_000, { intervalMs: 10 });
  });

  it('starts at the given offset, and catches up with a flood larger than one pass', async () => {
    writeFileSync(join(dir, 'out.log'), 'old\n');
    const { text } = follow({ pollMs: 60_000, watchedPollMs: 60_000, maxBytes: 1 << 30 }, 4);
    const flood = 'x'.repeat(99) + '\n';
    appendFileSync(join(dir, 'out.log'), flood.repeat(30_000)); // 3 MB: more than 16 × 64 KiB
    await waitFor(() => text().length === flood.length * 30_000, 'the whole flood', 5_000, {
      intervalMs: 20,
    });
    expect(text().startsWith('old')).toBe(false);
  });

  it('starts over when the file was truncated, and follows a replaced file', async () => {
    const path = join(dir, 'out.log');
    writeFileSync(path, 'aaaa\n');
    const { text } = follow({ pollMs: 60_000, watchedPollMs: 30, maxBytes: 1 << 20 });
    await waitFor(() => text() === 'aaaa\n', 'the first line', 2_000, { intervalMs: 10 });
    truncateSync(path, 0);
    appendFileSync(path, 'b\n');
    await waitFor(() => text().endsWith('b\n'), 'the line after truncation', 2_000, { intervalMs: 10 });
    writeFileSync(join(dir, 'new.log'), 'replaced\n');
    renameSync(join(dir, 'new.log'), path);
    await waitFor(() => text().endsWith('replaced\n'), 'the replaced file', 2_000, { intervalMs: 10 });
    appendFileSync(path, 'after\n');
    await waitFor(() => text().endsWith('replaced\nafter\n'), 'writes to the new file', 2_000, {
      intervalMs: 10,
    });
  });

  it('truncates the file in place once past maxBytes and fully read', async () => {
    const path = join(dir, 'out.log');
    writeFileSync(path, '');
    const { text } = follow({ pollMs: 60_000, watchedPollMs: 30, maxBytes: 10 });
    appendFileSync(path, '0123456789abc\n');
    await waitFor(() => statSync(path).size === 0, 'the file truncated', 2_000, { intervalMs: 10 });
    appendFileSync(path, 'next\n');
    await waitFor(() => text() === '0123456789abc\nnext\n', 'reading on from 0', 2_000, { intervalMs: 10 });
  });

  it('drains what is left on stop, a last line without its newline included', () => {
    const path = join(dir, 'out.log');
    writeFileSync(path, '');
    const { tail, text } = follow({ pollMs: 60_000, watchedPollMs: 60_000, maxBytes: 1 << 20 });
    appendFileSync(path, Buffer.from('žluť\nno newline', 'utf8'));
    tail.stop();
    expect(text()).toBe('žluť\nno newline');
  });
});
