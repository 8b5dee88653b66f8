// Keeps a flood of unauthenticated connections from starving the operator. A hard cap that
// refuses new connections is what locked the UI out (the flood held every slot), so every
// connection is admitted; past `limit` open ones, the oldest that has not shown the token is
// closed. Connections that presented the token are never evicted.
import type { Socket } from 'node:net';

export class ConnectionGuard {
  private readonly live = new Set<Socket>();
  /** Insertion order is age: the first entry is the oldest. */
  private readonly untrusted = new Set<Socket>();
  evicted = 0;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.live.size;
  }

  admit(socket: Socket): void {
    this.live.add(socket);
    this.untrusted.add(socket);
    socket.once('close', () => {
      this.live.delete(socket);
      this.untrusted.delete(socket);
    });
    while (this.live.size > this.limit) {
      const oldest = this.untrusted.values().next();
      if (oldest.done) break;
      this.live.delete(oldest.value);
      this.untrusted.delete(oldest.value);
      oldest.value.destroy();
      this.evicted += 1;
    }
  }

  /** The connection carried the token: it is the operator's, keep it. */
  trust(socket: Socket): void {
    this.untrusted.delete(socket);
  }
}
