import { EventEmitter } from 'node:events';
import type { ActionableError, ConnectionSnapshot, ConnectionState } from '../../contract/model';
import { CompanionError } from '../errors';

export interface ConnectionMonitorOptions {
  /** One health + session check; throws when the gateway is not usable. */
  probe: () => Promise<unknown>;
  /** False while the gateway is not supposed to run (stopped by the operator, not yet onboarded). */
  isDesired?: () => boolean;
  /**
   * Probe interval while connected (default 30 s). Failures of real calls (markFailure) and the
   * supervisor's gateway events (probeNow) report trouble sooner, so this is only a backstop.
   */
  healthyIntervalMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Failing for longer than this counts as offline rather than reconnecting. */
  offlineAfterMs?: number;
  now?: () => number;
}

export interface ConnectionMonitorEvents {
  state: [snapshot: ConnectionSnapshot, previous: ConnectionState];
}

/**
 * Tracks whether the companion can talk to the gateway.
 *
 * - connected: the last probe (health + console session) succeeded; re-checked every 30 s, and at
 *   once when a call fails or the supervisor reports a gateway change.
 * - reconnecting: the gateway is wanted but the last probe or call failed, for less than
 *   `offlineAfterMs` (default 30 s); probes repeat with exponential backoff (0.5 s → 10 s).
 * - offline: the gateway is not wanted/running (`isDesired()` is false), or it has been failing
 *   for longer than `offlineAfterMs`. Probing continues at the backoff cap, so it comes back by itself.
 */
export class ConnectionMonitor extends EventEmitter<ConnectionMonitorEvents> {
  private current: ConnectionState = 'offline';
  private lastConnectedAtMs: number | null = null;
  private failingSinceMs: number | null = null;
  private lastError: ActionableError | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private nextAtMs: number | null = null;
  private running = false;
  private probing = false;
  private readonly opts: Required<Omit<ConnectionMonitorOptions, 'probe'>> &
    Pick<ConnectionMonitorOptions, 'probe'>;

  constructor(options: ConnectionMonitorOptions) {
    super();
    this.opts = {
      isDesired: () => true,
      healthyIntervalMs: 30_000,
      initialBackoffMs: 500,
      maxBackoffMs: 10_000,
      offlineAfterMs: 30_000,
      now: Date.now,
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** When the next probe is due (null when stopped). */
  get nextRetryAtMs(): number | null {
    return this.nextAtMs;
  }

  snapshot(): ConnectionSnapshot {
    return {
      state: this.current,
      lastConnectedAtMs: this.lastConnectedAtMs,
      nextRetryAtMs: this.current === 'connected' ? null : this.nextAtMs,
      error: this.current === 'connected' ? null : this.lastError,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAtMs = null;
  }

  /** A call to the gateway failed: stop trusting the connection and probe again soon. */
  markFailure(err: unknown): void {
    this.recordFailure(err);
    if (this.running && !this.probing) this.schedule(this.backoffMs());
  }

  /** Probe now (e.g. right after the supervisor reports the gateway healthy). */
  probeNow(): void {
    if (this.running && !this.probing) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextAtMs = this.opts.now() + delayMs;
    this.timer = setTimeout(() => void this.runProbe(), delayMs);
    this.timer.unref?.();
  }

  private async runProbe(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    if (!this.opts.isDesired()) {
      this.failingSinceMs = null;
      this.attempt = 0;
      this.lastError = null;
      this.transition('offline');
      this.schedule(this.opts.maxBackoffMs);
      return;
    }
    this.probing = true;
    try {
      await this.opts.probe();
      this.probing = false;
      this.attempt = 0;
      this.failingSinceMs = null;
      this.lastError = null;
      this.lastConnectedAtMs = this.opts.now();
      this.transition('connected');
      if (this.running) this.schedule(this.opts.healthyIntervalMs);
    } catch (err) {
      this.probing = false;
      this.recordFailure(err);
      if (this.running) this.schedule(this.backoffMs());
    }
  }

  private recordFailure(err: unknown): void {
    const now = this.opts.now();
    this.failingSinceMs ??= now;
    this.attempt += 1;
    this.lastError = toActionable(err);
    const failingFor = now - this.failingSinceMs;
    this.transition(
      !this.opts.isDesired() || failingFor > this.opts.offlineAfterMs ? 'offline' : 'reconnecting',
    );
  }

  private backoffMs(): number {
    const exp = this.opts.initialBackoffMs * 2 ** Math.max(0, this.attempt - 1);
    return Math.min(this.opts.maxBackoffMs, exp);
  }

  private transition(next: ConnectionState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.emit('state', this.snapshot(), previous);
  }
}

function toActionable(err: unknown): ActionableError {
  if (err instanceof CompanionError) return err.toJSON();
  return {
    code: 'gateway_unreachable',
    message: err instanceof Error ? err.message : String(err),
    hint: 'Start the gateway from the companion and retry.',
  };
}
