// Test-only fault injection (/__sim/faults): the next matching responses misbehave on purpose.
export const FAULT_KINDS = [
  'bad_json',
  'wrong_schema',
  'rate_limit',
  'close_mid_stream',
  'slow',
  'foreign_handoff_origin',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Path prefix the fault applies to; any path when absent. */
  path: string | null;
  remaining: number;
  /** For `slow`: how long to stall. */
  delayMs: number;
}

export class FaultPlan {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Takes one use of the first fault matching this path, if any. */
  take(path: string, accept: (kind: FaultKind) => boolean = () => true): Fault | null {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.path === null || path.startsWith(f.path)) && accept(f.kind),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { ...fault };
  }

  clear(): void {
    this.faults = [];
  }
}
