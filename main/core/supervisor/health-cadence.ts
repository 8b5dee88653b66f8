// When to probe a sidecar's health next. Process exit is the crash signal (the child's 'exit'
// event), so probes only answer "is it ready yet?" after a spawn or a suspicion, and "is it still
// answering?" once it is stable: fast (every `fastMs`) while it is coming up, then seldom. A
// sidecar that stays unhealthy past the fast window is probed less and less often (up to
// `slowestUnhealthyMs`), so a broken one does not cost 20 requests a second forever.

export interface HealthCadenceConfig {
  /** Probe interval right after a spawn or a suspicion, until healthy. */
  fastMs: number;
  /** Probe interval once healthy. */
  stableMs: number;
  /** How long the fast interval lasts before backing off. */
  fastWindowMs: number;
  /** Longest interval while not healthy. */
  slowestUnhealthyMs: number;
}

export const DEFAULT_HEALTH_CADENCE: HealthCadenceConfig = {
  fastMs: 50,
  stableMs: 30_000,
  fastWindowMs: 30_000,
  slowestUnhealthyMs: 5_000,
};

export class HealthCadence {
  private fastSinceMs: number;

  constructor(
    readonly config: HealthCadenceConfig,
    now: number,
  ) {
    this.fastSinceMs = now;
  }

  /** Something happened (spawn, exit, failed call, lost health): probe fast again. */
  quicken(now: number): void {
    this.fastSinceMs = now;
  }

  /** Milliseconds until the next probe, given whether the last one found the sidecar healthy. */
  nextDelayMs(healthy: boolean, now: number): number {
    const { fastMs, stableMs, fastWindowMs, slowestUnhealthyMs } = this.config;
    if (healthy) return stableMs;
    const elapsed = now - this.fastSinceMs;
    if (elapsed < fastWindowMs) return fastMs;
    // A tenth of the time spent failing: 3 s after 30 s, capped.
    return Math.max(fastMs, Math.min(slowestUnhealthyMs, Math.round(elapsed / 10)));
  }
}
