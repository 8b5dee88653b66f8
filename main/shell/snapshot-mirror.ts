// The shell's own copy of core's snapshot, kept current from core's events, so the tray, the
// hotkey and the login item follow state without polling.
import type { CompanionCore } from '../contract/dispatch';
import { applyPatch, type EventName, type EventPayloads } from '../contract/events';
import type { CompanionSnapshot } from '../contract/model';

export class SnapshotMirror {
  private current: CompanionSnapshot | null = null;
  private readonly listeners = new Set<(snapshot: CompanionSnapshot) => void>();
  private readonly unsubscribe: () => void;

  constructor(core: Pick<CompanionCore, 'subscribe'>) {
    this.unsubscribe = core.subscribe(<E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'snapshot') this.replace(payload as EventPayloads['snapshot']);
      else if (event === 'snapshot.patch' && this.current) {
        const next = applyPatch(this.current, payload as EventPayloads['snapshot.patch']);
        if (next !== this.current) this.replace(next);
      }
    });
  }

  get snapshot(): CompanionSnapshot | null {
    return this.current;
  }

  /** Takes a snapshot fetched directly (e.g. `snapshot.get` at start) unless a newer one arrived. */
  offer(snapshot: CompanionSnapshot): void {
    if (!this.current || snapshot.revision > this.current.revision) this.replace(snapshot);
  }

  onChange(listener: (snapshot: CompanionSnapshot) => void): () => void {
    this.listeners.add(listener);
    if (this.current) listener(this.current);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private replace(snapshot: CompanionSnapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}
