// A UI stand-in on the host's WebSocket: records every event frame with its size in bytes and the
// time it arrived, so the benches see exactly what each UI is sent.
import WebSocket from 'ws';
import type { EventName } from '../main/contract/events';

export interface TappedFrame {
  atMs: number;
  bytes: number;
  event: EventName;
  payload: unknown;
}

export interface EventTap {
  frames: TappedFrame[];
  /** Bytes received since frame index `from`. */
  bytesSince(from: number): number;
  /** Resolves with the first frame from index `from` on that matches (performance.now() time). */
  next(from: number, match: (f: TappedFrame) => boolean, timeoutMs?: number): Promise<TappedFrame>;
  close(): void;
}

export async function tapEvents(origin: string, token: string): Promise<EventTap> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`, {
    origin,
    perMessageDeflate: false,
  });
  const frames: TappedFrame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    const atMs = performance.now();
    const text = data.toString('utf8');
    const frame = JSON.parse(text) as { type: string; event?: EventName; payload?: unknown };
    if (frame.type !== 'event' || !frame.event) return;
    frames.push({ atMs, bytes: data.length, event: frame.event, payload: frame.payload });
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const tap: EventTap = {
    frames,
    bytesSince: (from) => frames.slice(from).reduce((n, f) => n + f.bytes, 0),
    next: (from, match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = frames.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('event tap: timed out waiting for a frame'));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: () => socket.close(),
  };
  // The host greets every new client with the full snapshot; wait for it so later counts start clean.
  await tap.next(0, (f) => f.event === 'snapshot');
  return tap;
}
