// Fan-out of contract events to subscribers; one handler throwing must not starve the others.
import type { EventName, EventPayloads } from '../../../../main/contract/events';

type AnyHandler = (payload: unknown) => void;

export class EventHub {
  private readonly handlers = new Map<EventName, Set<AnyHandler>>();

  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    const h = handler as AnyHandler;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  emit(event: EventName, payload: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) {
      try {
        handler(payload);
      } catch (err) {
        console.error(`tray-ui: handler for ${event} failed`, err);
      }
    }
  }
}
