// When to restart a sidecar that exited unexpectedly. Palyra's backoff (1, 2, 4, 8, 16 s, cap
// 30 s, reset after 60 s up or a clean exit) plus a circuit breaker Palyra lacks: too many
// failures in a window stops restarting until the operator presses Retry.

export interface RestartPolicyConfig {
  /** First delay; each further attempt doubles it. 0 disables the delay (benchmarks). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A process that was healthy this long before exiting starts over at the first delay. */
  resetAfterHealthyMs: number;
  crashLoopMaxFailures: number;
  crashLoopWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyConfig = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  resetAfterHealthyMs: 60_000,
  crashLoopMaxFailures: 5,
  crashLoopWindowMs: 120_000,
};

export interface ExitFacts {
  nowMs: number;
  /** Exit code 0: not a failure, but the service still wanted to run, so it is restarted. */
  clean: boolean;
  /** How long it had been continuously healthy before it exited (0 if never). */
  healthyUptimeMs: number;
}

export type RestartDecision =
  { kind: 'restart'; delayMs: number; attempt: number } | { kind: 'crash-loop'; failures: number };

export class RestartPolicy {
  private attempt = 0;
  private failures: number[] = [];

  constructor(readonly config: RestartPolicyConfig = DEFAULT_RESTART_POLICY) {}

  /** Delay before restart number `attempt` (0-based): base × 2^attempt, capped. */
  delayFor(attempt: number): number {
    if (this.config.baseDelayMs <= 0) return 0;
    const raw = this.config.baseDelayMs * 2 ** Math.min(attempt, 30);
    return Math.min(raw, this.config.maxDelayMs);
  }

  get restartAttempt(): number {
    return this.attempt;
  }

  onExit(facts: ExitFacts): RestartDecision {
    if (facts.clean || facts.healthyUptimeMs >= this.config.resetAfterHealthyMs) this.attempt = 0;
    if (!facts.clean) {
      this.failures.push(facts.nowMs);
      const since = facts.nowMs - this.config.crashLoopWindowMs;
      this.failures = this.failures.filter((t) => t > since);
      if (this.failures.length >= this.config.crashLoopMaxFailures) {
        return { kind: 'crash-loop', failures: this.failures.length };
      }
    }
    const delayMs = this.delayFor(this.attempt);
    this.attempt++;
    return { kind: 'restart', delayMs, attempt: this.attempt };
  }

  /** Explicit stop, restart or retry: forget past failures. */
  reset(): void {
    this.attempt = 0;
    this.failures = [];
  }
}
