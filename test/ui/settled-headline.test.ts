import { afterEach, describe, expect, it, vi } from 'vitest';
import { SETTLE_MS, SettledHeadline } from '../../tray-ui/src/lib/settled-headline.svelte';

afterEach(() => {
  vi.useRealTimers();
});

const healthy = { status: 'healthy', text: 'All services healthy', tone: 'ok' } as const;
const starting = { status: 'starting', text: 'Starting…', tone: 'neutral' } as const;
const stopped = { status: 'partial', text: 'palyrad stopped', tone: 'warn' } as const;

describe('SettledHeadline', () => {
  it('never flashes the blink of "stopped" inside a deliberate restart', () => {
    vi.useFakeTimers();
    const h = new SettledHeadline();
    h.update(healthy);
    h.update(starting); // stopping
    h.update(stopped); // between stop and start
    vi.advanceTimersByTime(SETTLE_MS / 3);
    h.update(starting); // starting again
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(h.current).toEqual(starting);
  });

  it('shows a state that lasts, only SETTLE_MS late', () => {
    vi.useFakeTimers();
    const h = new SettledHeadline();
    h.update(healthy);
    h.update(stopped);
    expect(h.current).toEqual(healthy);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(h.current).toEqual(stopped);
    h.update(healthy);
    expect(h.current).toEqual(healthy);
  });
});
