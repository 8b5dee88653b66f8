// Collects lines and hands them to listeners every `intervalMs`, so a sidecar printing 100k
// lines/s produces ~20 events/s, not 100k. Pending lines are capped; the excess is only counted
// (the per-service LogRing still has the newest lines). Lines are finished (redacted) on delivery.
import type { LogLine } from '../../contract/model';
import { finishLine } from './raw-line';

export class LogBatcher {
  private pending: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Lines not delivered to listeners because a batch was full. */
  dropped = 0;

  constructor(
    private readonly deliver: (batch: LogLine[], droppedSinceLast: number) => void,
    private readonly intervalMs = 50,
    private readonly maxPending = 1_000,
  ) {}

  private droppedSinceLast = 0;

  add(line: LogLine): void {
    if (this.pending.length >= this.maxPending) {
      // Keep the newest lines: shift is O(n) so overwrite the batch tail instead of queueing more.
      this.dropped++;
      this.droppedSinceLast++;
      this.pending[this.pending.length - 1] = line;
    } else {
      this.pending.push(line);
    }
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const dropped = this.droppedSinceLast;
    this.pending = [];
    this.droppedSinceLast = 0;
    // Only the lines that reach listeners are redacted (a flood overwrote the rest unseen).
    for (const line of batch) finishLine(line);
    this.deliver(batch, dropped);
  }

  dispose(): void {
    this.flush();
  }
}
