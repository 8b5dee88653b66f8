import { describe, expect, it } from 'vitest';
import { HealthHistory } from '../../../main/core/supervisor/health-history';

describe('HealthHistory', () => {
  it('keeps the newest N probes, newest last', () => {
    const h = new HealthHistory(3);
    expect(h.latest()).toBeNull();
    for (let i = 1; i <= 5; i++) h.record({ atMs: i, ok: i % 2 === 0, latencyMs: i * 1.5 });
    expect(h.toArray().map((p) => p.atMs)).toEqual([3, 4, 5]);
    expect(h.latest()).toEqual({ atMs: 5, ok: false, latencyMs: 7.5 });
    // A copy: callers cannot mutate the history.
    h.toArray().pop();
    expect(h.toArray()).toHaveLength(3);
  });
});
