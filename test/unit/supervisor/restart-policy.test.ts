import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../../main/core/supervisor/restart-policy';

const crash = (nowMs: number, healthyUptimeMs = 0) => ({ nowMs, clean: false, healthyUptimeMs });

describe('RestartPolicy', () => {
  it("follows Palyra's backoff: 1, 2, 4, 8, 16 s, then the 30 s cap", () => {
    const p = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, crashLoopMaxFailures: 100 });
    const delays = Array.from({ length: 8 }, (_, i) => {
      const d = p.onExit(crash(i * 1_000_000));
      return d.kind === 'restart' ? d.delayMs : -1;
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('resets the backoff after 60 s of healthy uptime or a clean exit', () => {
    const p = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, crashLoopMaxFailures: 100 });
    p.onExit(crash(0));
    p.onExit(crash(1));
    expect(p.onExit(crash(2, 60_000))).toMatchObject({ kind: 'restart', delayMs: 1000, attempt: 1 });
    p.onExit(crash(3));
    expect(p.onExit({ nowMs: 4, clean: true, healthyUptimeMs: 0 })).toMatchObject({ delayMs: 1000 });
  });

  it('trips the crash-loop breaker at 5 failures within 2 minutes, not when they are spread out', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 4; i++) expect(p.onExit(crash(i * 1000)).kind).toBe('restart');
    expect(p.onExit(crash(5000))).toEqual({ kind: 'crash-loop', failures: 5 });

    const spread = new RestartPolicy();
    for (let i = 0; i < 10; i++) expect(spread.onExit(crash(i * 61_000)).kind).toBe('restart');
  });

  it('clean exits never count toward the crash loop; reset() forgets failures', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 10; i++)
      expect(p.onExit({ nowMs: i, clean: true, healthyUptimeMs: 0 }).kind).toBe('restart');
    for (let i = 0; i < 4; i++) p.onExit(crash(100 + i));
    p.reset();
    expect(p.restartAttempt).toBe(0);
    expect(p.onExit(crash(200)).kind).toBe('restart');
  });

  it('a zero base delay restarts immediately (benchmarks)', () => {
    const p = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, baseDelayMs: 0 });
    expect(p.onExit(crash(0))).toMatchObject({ delayMs: 0 });
  });
});
