// One authenticated WebSocket: answers its calls and forwards core events to it, the first one
// always being a full snapshot. Events that arrive while that snapshot is being taken are held
// and sent after it (stale patches are harmless: applyPatch ignores older revisions).
// Types only: `ws` itself is loaded by host-server.ts when the first client connects.
import type { RawData, WebSocket } from 'ws';
import { dispatchCall, type CompanionCore } from '../contract/dispatch';
import type { CallReply, ServerFrame } from '../contract/client';
import type { HostLog } from './host-log';
import { parseClientFrame } from './client-frame';
import { OutboundQueue } from './outbound-queue';

export const CLOSE_UNSUPPORTED_DATA = 1003;
export const CLOSE_INTERNAL_ERROR = 1011;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_UNAUTHORIZED = 4401;

export interface ClientConnectionLimits {
  /**
   * Above this many bytes queued in user space beyond the largest single frame, the client is
   * too slow and is dropped. One frame may be larger (a snapshot carries every pending approval).
   */
  maxBufferedBytes: number;
  /** Calls of one socket being handled at once; more get a `too_many_calls` reply. */
  maxInFlightCalls: number;
}

export class ClientConnection {
  private ready = false;
  private held: string[] = [];
  private inFlight = 0;
  private dropped = false;
  private readonly outbound = new OutboundQueue();
  alive = true;

  constructor(
    readonly label: string,
    private readonly socket: WebSocket,
    private readonly core: CompanionCore,
    private readonly limits: ClientConnectionLimits,
    private readonly log: HostLog,
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    void this.sendInitialSnapshot();
  }

  /** A pre-serialised event frame, shared by every connection. */
  deliverEvent(text: string): void {
    if (this.ready) this.send(text);
    else this.held.push(text);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }

  terminate(): void {
    this.socket.terminate();
  }

  ping(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  private async sendInitialSnapshot(): Promise<void> {
    let text: string;
    try {
      const snapshot = await this.core.handlers['snapshot.get']({});
      const frame: ServerFrame = { type: 'event', event: 'snapshot', payload: snapshot };
      text = JSON.stringify(frame);
    } catch (err) {
      this.log('error', `${this.label}: could not take the initial snapshot: ${String(err)}`);
      this.close(CLOSE_INTERNAL_ERROR, 'snapshot unavailable');
      return;
    }
    this.send(text);
    this.ready = true;
    const held = this.held;
    this.held = [];
    for (const event of held) this.send(event);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.close(CLOSE_UNSUPPORTED_DATA, 'text frames only');
      return;
    }
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : data instanceof ArrayBuffer
        ? Buffer.from(data)
        : data;
    const text = bytes.toString('utf8');
    const frame = parseClientFrame(text);
    if (frame.kind === 'unreadable') {
      this.log('warn', `${this.label}: ignored a frame (${frame.reason})`);
      return;
    }
    if (frame.kind === 'invalid') {
      this.reply(frame.id, { ok: false, error: frame.error });
      return;
    }
    if (this.inFlight >= this.limits.maxInFlightCalls) {
      this.reply(frame.id, {
        ok: false,
        error: {
          code: 'too_many_calls',
          message: `More than ${this.limits.maxInFlightCalls} calls are already pending on this connection.`,
          hint: 'Wait for earlier calls to finish, then retry.',
        },
      });
      return;
    }
    this.inFlight += 1;
    void dispatchCall(this.core.handlers, frame.name, frame.params)
      .then((reply) => this.reply(frame.id, reply))
      .finally(() => {
        this.inFlight -= 1;
      });
  }

  private reply(id: number, reply: CallReply<unknown>): void {
    let text: string;
    try {
      text = JSON.stringify({ type: 'reply', id, reply } satisfies ServerFrame);
    } catch (err) {
      // A handler returned something JSON cannot carry (cycle, BigInt): still settle the call.
      text = JSON.stringify({
        type: 'reply',
        id,
        reply: {
          ok: false,
          error: {
            code: 'internal_error',
            message: `The result could not be serialised: ${String(err)}`,
            hint: 'See the companion log for details.',
          },
        },
      } satisfies ServerFrame);
    }
    this.send(text);
  }

  private send(text: string): void {
    if (this.dropped || this.socket.readyState !== this.socket.OPEN) return;
    this.outbound.push(Buffer.byteLength(text));
    // ws calls back once the frame is written to the kernel (or with an error when the socket goes).
    this.socket.send(text, () => this.outbound.shift());
    if (this.outbound.excessBytes > this.limits.maxBufferedBytes) {
      // Frames pile up behind the one in flight: the client is not keeping up. A close frame
      // would queue behind the backlog it is meant to end, so cut the socket; the client
      // reconnects and starts over from a fresh snapshot.
      this.dropped = true;
      this.log(
        'warn',
        `${this.label}: dropped a slow client (${this.outbound.queuedBytes} bytes queued in ${this.outbound.length} frames)`,
      );
      this.socket.terminate();
    }
  }
}
