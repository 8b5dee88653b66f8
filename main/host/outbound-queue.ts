// The frames handed to one WebSocket and not yet written to the kernel, oldest first, with their
// total and their largest size. The slow-client guard measures what is queued beyond the largest
// frame: one frame may be as big as the state it carries (a snapshot with 10,000 approvals is
// ~20 MB) and still go through, while a client that stays behind is still cut off once the frames
// piling up behind it pass the limit. Memory per client is so bounded by the largest frame plus
// the limit. The largest size is kept with a monotonic deque, so every operation is O(1)
// amortised however many small frames are queued.
export class OutboundQueue {
  private readonly sizes: number[] = [];
  private head = 0;
  /** Sizes in queue order, each larger than every later one: the front is the largest queued. */
  private readonly peaks: number[] = [];
  private peakHead = 0;
  private total = 0;

  /** Bytes queued in all. */
  get queuedBytes(): number {
    return this.total;
  }

  /** Bytes queued beyond the largest single frame. */
  get excessBytes(): number {
    return this.peakHead < this.peaks.length ? this.total - this.peaks[this.peakHead]! : 0;
  }

  get length(): number {
    return this.sizes.length - this.head;
  }

  /** A frame was handed to the socket. */
  push(bytes: number): void {
    this.sizes.push(bytes);
    this.total += bytes;
    while (this.peaks.length > this.peakHead && this.peaks[this.peaks.length - 1]! < bytes) this.peaks.pop();
    this.peaks.push(bytes);
  }

  /** The oldest frame was written out (ws calls back in send order). */
  shift(): void {
    if (this.head >= this.sizes.length) return;
    const bytes = this.sizes[this.head]!;
    this.head += 1;
    this.total -= bytes;
    // The front peak is this frame when nothing queued after it was larger or equal before it left.
    if (this.peakHead < this.peaks.length && this.peaks[this.peakHead] === bytes) this.peakHead += 1;
    this.compact();
  }

  /** Drops the consumed front of both arrays now and then, so they do not grow with traffic. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.sizes.length) {
      this.sizes.splice(0, this.head);
      this.head = 0;
    }
    if (this.peakHead > 1024 && this.peakHead * 2 > this.peaks.length) {
      this.peaks.splice(0, this.peakHead);
      this.peakHead = 0;
    }
  }
}
