import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Monotonic ULIDs: the approvals list is ordered by id, so two ids minted in the same
 * millisecond must still sort in creation order (the random part is incremented).
 */
export class UlidFactory {
  private lastTime = -1;
  private lastRandom: number[] = [];

  next(now = Date.now()): string {
    if (now <= this.lastTime) {
      this.increment();
    } else {
      this.lastTime = now;
      this.lastRandom = [...randomBytes(16)].map((b) => b % 32);
    }
    return encodeTime(this.lastTime) + this.lastRandom.map((d) => CROCKFORD[d]).join('');
  }

  private increment(): void {
    for (let i = this.lastRandom.length - 1; i >= 0; i -= 1) {
      const digit = this.lastRandom[i] ?? 0;
      if (digit < 31) {
        this.lastRandom[i] = digit + 1;
        return;
      }
      this.lastRandom[i] = 0;
    }
  }
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function isUlid(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
