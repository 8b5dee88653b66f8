// Holds the current LinkStatus and notifies listeners when it changes.
import type { LinkStatus } from './tray-client';

export class LinkHub {
  private readonly listeners = new Set<(status: LinkStatus) => void>();

  constructor(private current: LinkStatus) {}

  get status(): LinkStatus {
    return this.current;
  }

  set(status: LinkStatus): void {
    this.current = status;
    for (const listener of [...this.listeners]) listener(status);
  }

  subscribe(listener: (status: LinkStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
