// Planned transitions are calm. A deliberate restart passes through "stopped" for a blink between
// its stop and its start; shown as it comes, the header would flash "palyrad stopped" (or
// "Stopped" during Restart all). So a stopped state must last SETTLE_MS before the header says
// it; everything else (problems included) shows at once.
import type { OverallStatus } from '../../../main/contract/model';
import type { Tone } from './tones';

export interface Headline {
  status: OverallStatus;
  text: string;
  tone: Tone;
}

export const SETTLE_MS = 1_500;
const SETTLES: ReadonlySet<OverallStatus> = new Set(['partial', 'stopped']);

export class SettledHeadline {
  current = $state<Headline | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waitingFor = '';

  update(next: Headline): void {
    const key = `${next.status}|${next.text}`;
    const shown = this.current ? `${this.current.status}|${this.current.text}` : '';
    if (key === shown) {
      this.cancel();
      return;
    }
    if (this.current === null || !SETTLES.has(next.status)) {
      this.cancel();
      this.current = next;
      return;
    }
    if (this.timer && this.waitingFor === key) return;
    this.cancel();
    this.waitingFor = key;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.current = next;
    }, SETTLE_MS);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waitingFor = '';
  }
}
