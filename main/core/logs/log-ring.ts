// Bounded per-service log buffer (Palyra keeps 400 lines). A fixed-size circular array, so a
// flood of output costs O(1) per line and memory never grows past the capacity.
import type { LogLine } from '../../contract/model';
import { finishLine } from './raw-line';

export class LogRing {
  private readonly slots: (LogLine | undefined)[];
  private next = 0;
  private count = 0;
  /** Lines pushed out by newer ones since creation. */
  evicted = 0;

  constructor(readonly capacity = 400) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('LogRing capacity must be a positive integer');
    this.slots = new Array<LogLine | undefined>(capacity);
  }

  push(line: LogLine): void {
    if (this.count === this.capacity) this.evicted++;
    else this.count++;
    this.slots[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.count;
  }

  /** Oldest first; the newest `limit` lines when a limit is given. Raw lines are finished here. */
  toArray(limit?: number): LogLine[] {
    const n = limit === undefined ? this.count : Math.max(0, Math.min(limit, this.count));
    const out: LogLine[] = [];
    for (let i = n; i > 0; i--) {
      const idx = (this.next - i + this.capacity) % this.capacity;
      out.push(finishLine(this.slots[idx]!));
    }
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
