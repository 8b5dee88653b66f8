// The slow-client guard's accounting: what is queued beyond the largest frame, in O(1) per frame.
import { describe, expect, it } from 'vitest';
import { OutboundQueue } from '../../../main/host/outbound-queue';

/** The same figures computed the slow way, from the list of queued sizes. */
function naive(sizes: number[]): { total: number; excess: number } {
  const total = sizes.reduce((a, b) => a + b, 0);
  return { total, excess: sizes.length === 0 ? 0 : total - Math.max(...sizes) };
}

describe('OutboundQueue', () => {
  it('lets one large frame through and counts only what piles up behind it', () => {
    const q = new OutboundQueue();
    q.push(20_000_000);
    expect(q.excessBytes).toBe(0);
    q.push(1_000);
    q.push(2_000);
    expect(q.queuedBytes).toBe(20_003_000);
    expect(q.excessBytes).toBe(3_000);
    q.shift();
    // The big one is written: now the largest queued is 2,000.
    expect(q.excessBytes).toBe(1_000);
    q.shift();
    q.shift();
    expect(q).toMatchObject({ queuedBytes: 0, excessBytes: 0, length: 0 });
    q.shift(); // a callback after the queue emptied (socket error path) changes nothing
    expect(q.queuedBytes).toBe(0);
  });

  it('agrees with a naive count over a long random mix of pushes and shifts', () => {
    const q = new OutboundQueue();
    const model: number[] = [];
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let step = 0; step < 20_000; step += 1) {
      if (model.length > 0 && random() < 0.48) {
        model.shift();
        q.shift();
      } else {
        // Many equal sizes, to exercise ties in the deque.
        const size = random() < 0.5 ? 100 : Math.floor(random() * 5_000);
        model.push(size);
        q.push(size);
      }
      const expected = naive(model);
      expect([q.queuedBytes, q.excessBytes, q.length]).toEqual([
        expected.total,
        expected.excess,
        model.length,
      ]);
    }
  });
});
