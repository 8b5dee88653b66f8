import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLine } from '../../../main/contract/model';
import { TestBed, sidecarSpec } from './harness';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

const ADMIN_TOKEN = '01JADMINTOKENAAAAAAAAAAAAA01JADMINTOKENBBBBBBBBBBBBB';

describe('Supervisor log capture', () => {
  it('redacts secrets, parses tracing JSON levels, and writes redacted rotating files', async () => {
    bed = new TestBed();
    const sup = bed.supervisor(
      [sidecarSpec('gw', null, ['--json-logs', '--print-secret', ADMIN_TOKEN], { secrets: [ADMIN_TOKEN] })],
      { logFiles: { maxBytes: 400, maxFiles: 3 } },
    );
    const batches: LogLine[][] = [];
    sup.on('log', (b) => batches.push(b));
    await sup.start('gw');
    const lines = await waitFor(() => {
      const l = sup.logs({ service: 'gw', stream: 'stdout' });
      return l.length >= 3 ? l : null;
    }, 'secret lines');
    const text = lines.map((l) => l.line).join('\n');
    expect(text).not.toContain(ADMIN_TOKEN);
    expect(text).toContain('<redacted>');
    expect(lines.every((l) => l.level === 'info')).toBe(true);
    expect(lines[0]!.service).toBe('gw');
    const seqs = sup.logs().map((l) => l.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await waitFor(() => batches.length > 0, 'a log batch');
    await sup.stop('gw');
    await sup.dispose();
    const dir = join(bed.dir, 'companion', 'logs');
    // The raw output files the sidecar writes itself live in their own folder (sidecars/).
    const files = readdirSync(dir).filter((f) => f !== 'sidecars');
    expect(files).toContain('gw.log');
    expect(files.length).toBeGreaterThan(1); // rotated at 400 bytes
    expect(files.length).toBeLessThanOrEqual(3);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(ADMIN_TOKEN);
  });

  it('survives a flood: keeps reading, ring stays bounded, listeners get batches not lines', async () => {
    bed = new TestBed();
    const total = 200_000;
    const sup = bed.supervisor([sidecarSpec('noisy', null, ['--flood', String(total)])], {
      logRingSize: 400,
    });
    let events = 0;
    let delivered = 0;
    sup.on('log', (b) => {
      events++;
      delivered += b.length;
    });
    await sup.start('noisy');
    await waitFor(
      () => sup.logs({ service: 'noisy' }).some((l) => l.line.includes('flood done')),
      'flood done',
      45_000,
    );
    const ring = sup.logs({ service: 'noisy' });
    expect(ring.length).toBeLessThanOrEqual(400);
    expect(ring.some((l) => l.line === `flood line ${total - 1}`)).toBe(true);
    expect(events).toBeLessThan(total / 50);
    // Every line reached listeners or was counted as dropped (the last batch lands ≤50 ms later).
    await waitFor(() => delivered + sup.droppedLogEvents >= total, 'all lines delivered or counted');
    // The child was never stalled by backpressure: it is still alive and responsive.
    expect(sup.snapshot()[0]!.pid).not.toBeNull();
  });

  it('truncates overlong lines', async () => {
    bed = new TestBed();
    const sup = bed.supervisor([sidecarSpec('long', null, ['--long-line', '100000'])], {
      maxLineChars: 8192,
    });
    await sup.start('long');
    const line = await waitFor(
      () => sup.logs({ service: 'long', stream: 'stdout' }).find((l) => l.line.startsWith('xxx')),
      'long line',
    );
    expect(line.line.length).toBeLessThan(8300);
    expect(line.line.endsWith('…[truncated]')).toBe(true);
  });
});
