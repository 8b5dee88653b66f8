// All live WebSocket clients: fans core events out (serialised once), bounds how many clients
// may connect, and pings them so half-open sockets do not linger.
import type { WebSocket } from 'ws';
import type { CompanionCore } from '../contract/dispatch';
import type { EventName } from '../contract/events';
import type { ServerFrame } from '../contract/client';
import type { HostLog } from './host-log';
import { ClientConnection, CLOSE_GOING_AWAY, type ClientConnectionLimits } from './client-connection';

const HEARTBEAT_MS = 30_000;

export class SocketHub {
  private readonly connections = new Set<ClientConnection>();
  private readonly heartbeat: NodeJS.Timeout;
  private nextLabel = 1;

  constructor(
    private readonly core: CompanionCore,
    private readonly limits: ClientConnectionLimits,
    private readonly log: HostLog,
  ) {
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  add(socket: WebSocket): void {
    const connection = new ClientConnection(
      `ws#${this.nextLabel++}`,
      socket,
      this.core,
      this.limits,
      this.log,
    );
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', (err) => this.log('warn', `${connection.label}: ${err.message}`));
  }

  broadcast(event: EventName, payload: unknown): void {
    // Nobody listening (no browser open): serialising log batches and patches would be waste.
    if (this.connections.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame);
    } catch (err) {
      this.log('error', `event ${event} could not be serialised and was not sent: ${String(err)}`);
      return;
    }
    for (const connection of this.connections) connection.deliverEvent(text);
  }

  closeAll(reason: string): void {
    clearInterval(this.heartbeat);
    for (const connection of this.connections) connection.close(CLOSE_GOING_AWAY, reason);
  }

  terminateAll(): void {
    for (const connection of this.connections) connection.terminate();
    this.connections.clear();
  }

  private checkAlive(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.log('info', `${connection.label}: no pong, disconnecting`);
        connection.terminate();
        continue;
      }
      connection.alive = false;
      connection.ping();
    }
  }
}
