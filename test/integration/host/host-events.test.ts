import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract/model';
import { startFixture, TestClient, waitFor, type HostFixture } from './host-harness';

let fixture: HostFixture | null = null;
afterEach(async () => {
  await fixture?.dispose();
  fixture = null;
});

function logLines(seq: number, bytes: number): LogLine[] {
  return [
    { seq, unix_ms: seq, service: 'gateway', stream: 'stdout', line: 'x'.repeat(bytes), level: 'info' },
  ];
}

describe('host events', () => {
  it('sends a full snapshot first, then fans events out to every client in order', async () => {
    fixture = await startFixture();
    const a = await TestClient.connect(fixture.host);
    const b = await TestClient.connect(fixture.host);
    await waitFor(() => a.frames.length > 0 && b.frames.length > 0, 'initial snapshots');
    for (const client of [a, b]) {
      expect(client.frames[0]).toMatchObject({ type: 'event', event: 'snapshot', payload: { revision: 1 } });
    }
    // One subscription serves every client.
    expect(fixture.core.subscriberCount).toBe(1);
    for (let revision = 2; revision <= 21; revision++) {
      fixture.core.emit('snapshot.patch', { revision, warnings: [`w${revision}`] });
    }
    fixture.core.emit('navigate', { view: 'approvals', approvalId: 'a-1' });
    for (const client of [a, b]) {
      await waitFor(() => client.events('navigate').length === 1, 'navigate event');
      const revisions = client
        .events('snapshot.patch')
        .map((e) => (e.payload as { revision: number }).revision);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(client.events('navigate')[0]!.payload).toEqual({ view: 'approvals', approvalId: 'a-1' });
    }
  });

  it('gives a client that reconnects a fresh snapshot with the current revision', async () => {
    fixture = await startFixture();
    const first = await TestClient.connect(fixture.host);
    await waitFor(() => first.events('snapshot').length === 1, 'snapshot');
    fixture.core.emit('snapshot.patch', { revision: 9, overall: 'degraded' });
    first.socket.close();
    await first.waitClosed();
    const again = await TestClient.connect(fixture.host);
    await waitFor(() => again.frames.length > 0, 'snapshot after reconnect');
    expect(again.frames[0]).toMatchObject({ event: 'snapshot', payload: { revision: 9 } });
  });

  it('drops a slow client without holding back or hurting the other one', async () => {
    fixture = await startFixture({ maxBufferedBytes: 512 * 1024 });
    const fast = await TestClient.connect(fixture.host);
    const slow = await TestClient.connect(fixture.host);
    await waitFor(() => fast.frames.length > 0 && slow.frames.length > 0, 'initial snapshots');
    // The slow client stops reading: the kernel buffers fill, then the host's own queue grows.
    slow.socket.pause();
    const dropped = (): boolean => fixture!.logs.some((line) => line.includes('dropped a slow client'));
    let emitted = 0;
    while (!dropped() && emitted < 2000) {
      for (let i = 0; i < 8; i++) fixture.core.emit('log.lines', logLines(++emitted, 64 * 1024));
      await waitFor(
        () => fast.events('log.lines').length === emitted,
        `fast client to read ${emitted} events`,
      );
    }
    expect(dropped()).toBe(true);
    await waitFor(() => fixture!.host.connectionCount === 1, 'the slow client to be gone');
    slow.socket.resume();
    await slow.waitClosed();

    // The fast client got everything, in order, and keeps working.
    const seqs = fast.events('log.lines').map((e) => (e.payload as LogLine[])[0]!.seq);
    expect(seqs).toEqual(Array.from({ length: emitted }, (_, i) => i + 1));
    expect(fast.closed).toBeNull();
    expect(await fast.call('snapshot.get', {})).toMatchObject({ ok: true });
    fixture.core.emit('navigate', { view: 'health' });
    await waitFor(() => fast.events('navigate').length === 1, 'event after the drop');

    const back = await TestClient.connect(fixture.host);
    await waitFor(() => back.frames.length > 0, 'snapshot for the reconnected client');
    expect(back.frames[0]).toMatchObject({ type: 'event', event: 'snapshot' });
  });

  it('lets one frame far larger than the slow-client limit through to a client that reads', async () => {
    // A snapshot or patch with 10,000 approvals is ~20 MB; the limit (4 MiB by default) is about
    // what piles up behind it, not about one frame.
    fixture = await startFixture({ maxBufferedBytes: 64 * 1024 });
    const client = await TestClient.connect(fixture.host);
    await waitFor(() => client.frames.length > 0, 'initial snapshot');
    fixture.core.emit('log.lines', logLines(1, 4 * 1024 * 1024));
    // Small events right behind it, while it is still being written, do not count as falling behind.
    for (let seq = 2; seq <= 10; seq++) fixture.core.emit('log.lines', logLines(seq, 1024));
    await waitFor(() => client.events('log.lines').length === 10, 'the large frame and the ones after it');
    const seqs = client.events('log.lines').map((e) => (e.payload as LogLine[])[0]!.seq);
    expect(seqs).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect((client.events('log.lines')[0]!.payload as LogLine[])[0]!.line).toHaveLength(4 * 1024 * 1024);
    expect(fixture.logs.filter((line) => line.includes('dropped a slow client'))).toEqual([]);
    expect(client.closed).toBeNull();
    expect(fixture.host.connectionCount).toBe(1);
  });

  it('still drops a client that stops reading behind a large frame', async () => {
    fixture = await startFixture({ maxBufferedBytes: 256 * 1024 });
    const slow = await TestClient.connect(fixture.host);
    await waitFor(() => slow.frames.length > 0, 'initial snapshot');
    slow.socket.pause();
    fixture.core.emit('log.lines', logLines(1, 8 * 1024 * 1024));
    const dropped = (): boolean => fixture!.logs.some((line) => line.includes('dropped a slow client'));
    let seq = 1;
    // Whatever the kernel buffers absorb, the frames behind the large one pass the limit soon.
    while (!dropped() && seq < 2000) {
      fixture.core.emit('log.lines', logLines(++seq, 32 * 1024));
      if (seq % 16 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(dropped()).toBe(true);
    // Bounded: the large frame, what the loopback socket buffers take (a few MiB each side) and
    // the limit, not everything that would be emitted.
    expect(seq * 32 * 1024).toBeLessThan(8 * 1024 * 1024 + 2 * 256 * 1024 + 16 * 1024 * 1024);
    await waitFor(() => fixture!.host.connectionCount === 0, 'the slow client to be gone');
  });

  it('stops forwarding events once closed', async () => {
    fixture = await startFixture();
    const client = await TestClient.connect(fixture.host);
    await waitFor(() => client.frames.length > 0, 'snapshot');
    await fixture.host.close();
    expect((await client.waitClosed()).code).toBe(1001);
    expect(fixture.core.subscriberCount).toBe(0);
  });
});
