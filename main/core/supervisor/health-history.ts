// The last N health probes of one service, newest last, for the UI's sparkline and tooltips.
import type { HealthProbe } from '../../contract/model';

export class HealthHistory {
  private probes: HealthProbe[] = [];

  constructor(readonly capacity = 20) {}

  record(probe: HealthProbe): void {
    this.probes.push(probe);
    if (this.probes.length > this.capacity) this.probes.splice(0, this.probes.length - this.capacity);
  }

  latest(): HealthProbe | null {
    return this.probes[this.probes.length - 1] ?? null;
  }

  toArray(): HealthProbe[] {
    return this.probes.slice();
  }
}
