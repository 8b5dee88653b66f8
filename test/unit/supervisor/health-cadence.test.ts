import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CADENCE, HealthCadence } from '../../../main/core/supervisor/health-cadence';

describe('HealthCadence', () => {
  it('probes every 50 ms while coming up and every 30 s once healthy', () => {
    const c = new HealthCadence(DEFAULT_HEALTH_CADENCE, 0);
    expect(c.nextDelayMs(false, 10)).toBe(50);
    expect(c.nextDelayMs(false, 29_000)).toBe(50);
    expect(c.nextDelayMs(true, 29_000)).toBe(30_000);
  });

  it('backs off for a sidecar that stays unhealthy past the fast window, capped at 5 s', () => {
    const c = new HealthCadence(DEFAULT_HEALTH_CADENCE, 0);
    expect(c.nextDelayMs(false, 30_000)).toBe(3_000);
    expect(c.nextDelayMs(false, 40_000)).toBe(4_000);
    expect(c.nextDelayMs(false, 10 * 60_000)).toBe(5_000);
  });

  it('a suspicion (quicken) brings the fast interval back', () => {
    const c = new HealthCadence(DEFAULT_HEALTH_CADENCE, 0);
    expect(c.nextDelayMs(false, 600_000)).toBe(5_000);
    c.quicken(600_000);
    expect(c.nextDelayMs(false, 600_010)).toBe(50);
  });
});
