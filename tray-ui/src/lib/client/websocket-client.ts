// ContractClient over the headless host's WebSocket (ClientFrame/ServerFrame from the contract).
// The socket can drop at any time: in-flight calls then fail with `connection_lost` (they may or
// may not have run, so they are never replayed), and the client reconnects with capped backoff.
// Calls made before the very first connection are queued, so the UI can ask for its snapshot
// while the socket is still opening.
import { ContractError, type ClientFrame, type ServerFrame } from '../../../../main/contract/client';
import type { CallName, CallParams, CallResult } from '../../../../main/contract/calls';
import type { EventName, EventPayloads } from '../../../../main/contract/events';
import { eventNames } from '../../../../main/contract/events';
import { EventHub } from './event-hub';
import { LinkHub } from './link-hub';
import type { LinkStatus, TrayClient } from './tray-client';

export interface WebSocketClientOptions {
  /** First reconnect delay; doubles per attempt up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A call without a reply after this long fails with `call_timeout`. */
  callTimeoutMs?: number;
  /** Only for tests that need a specific implementation; defaults to the global WebSocket. */
  WebSocketImpl?: typeof WebSocket;
}

/** The host's close code for a missing or wrong token (see main/host). */
export const closeUnauthorized = 4401;

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: ContractError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const lostError = (name: string) =>
  new ContractError({
    code: 'connection_lost',
    params: { call: name },
    message: `The connection to the companion dropped before ${name} was answered.`,
    hint: 'Wait for the connection to come back, then check whether the action took effect before repeating it.',
  });

export class WebSocketClient implements TrayClient {
  readonly transport = 'websocket' as const;
  private readonly events = new EventHub();
  private readonly link: LinkHub;
  private readonly pending = new Map<number, PendingCall>();
  private readonly queued: { frame: ClientFrame; call: PendingCall }[] = [];
  private socket: WebSocket | null = null;
  private nextId = 1;
  private everOpened = false;
  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly callTimeoutMs: number;
  private readonly WebSocketImpl: typeof WebSocket;

  constructor(
    private readonly url: string,
    options: WebSocketClientOptions = {},
  ) {
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 30_000;
    this.WebSocketImpl = options.WebSocketImpl ?? WebSocket;
    this.link = new LinkHub({ state: 'connecting', attempt: 0, nextRetryAtMs: null, lastError: null });
    this.connect();
  }

  call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>> {
    if (this.closed) {
      return Promise.reject(
        new ContractError({
          code: 'client_closed',
          message: 'This window is no longer connected to the companion.',
          hint: 'Reload the window.',
        }),
      );
    }
    const id = this.nextId++;
    const frame: ClientFrame = { type: 'call', id, name, params };
    return new Promise<CallResult<K>>((resolve, reject) => {
      const call: PendingCall = {
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(id);
          const at = this.queued.findIndex((q) => q.frame.id === id);
          if (at >= 0) this.queued.splice(at, 1);
          reject(
            new ContractError({
              code: 'call_timeout',
              params: { call: name, seconds: Math.round(this.callTimeoutMs / 1000) },
              message: `The companion did not answer ${name} within ${Math.round(this.callTimeoutMs / 1000)} s.`,
              hint: 'The companion may be busy or stuck; check its status, then try again.',
            }),
          );
        }, this.callTimeoutMs),
      };
      if (this.socket && this.socket.readyState === this.WebSocketImpl.OPEN) {
        this.pending.set(id, call);
        this.socket.send(JSON.stringify(frame));
      } else if (!this.everOpened) {
        this.queued.push({ frame, call });
      } else {
        clearTimeout(call.timer);
        reject(
          new ContractError({
            code: 'connection_lost',
            message: 'The connection to the companion is down, so nothing was sent.',
            hint: 'Wait for the connection to come back, then try again.',
          }),
        );
      }
    });
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
    return this.events.on(event, handler);
  }

  onLink(handler: (status: LinkStatus) => void): () => void {
    return this.link.subscribe(handler);
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.failInFlight();
    for (const { frame, call } of this.queued.splice(0)) {
      clearTimeout(call.timer);
      call.reject(lostError(frame.name));
    }
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = new this.WebSocketImpl(this.url);
    } catch (err) {
      this.scheduleReconnect(err instanceof Error ? err.message : String(err));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.everOpened = true;
      this.link.set({ state: 'open', attempt: 0, nextRetryAtMs: null, lastError: null });
      for (const { frame, call } of this.queued.splice(0)) {
        this.pending.set(frame.id, call);
        socket.send(JSON.stringify(frame));
      }
    };
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket === socket) this.handleFrame(message.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failInFlight();
      if (event.code === closeUnauthorized) {
        this.closed = true;
        this.link.set({
          state: 'lost',
          attempt: this.link.status.attempt,
          nextRetryAtMs: null,
          lastError: 'The companion rejected this page’s access token.',
          rejected: true,
        });
        return;
      }
      const why = event.reason ? event.reason : `socket closed (code ${event.code})`;
      this.scheduleReconnect(why);
    };
    // onerror is always followed by onclose, which does the work.
    socket.onerror = () => {};
  }

  private scheduleReconnect(reason: string): void {
    if (this.closed) return;
    const attempt = this.link.status.attempt + 1;
    const delay = Math.min(this.initialBackoffMs * 2 ** Math.min(attempt - 1, 16), this.maxBackoffMs);
    this.link.set({ state: 'lost', attempt, nextRetryAtMs: Date.now() + delay, lastError: reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.link.set({ ...this.link.status, state: 'connecting', nextRetryAtMs: null });
      this.connect();
    }, delay);
  }

  private failInFlight(): void {
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(lostError(`call #${id}`));
    }
    this.pending.clear();
  }

  /** Anything malformed is dropped with a console warning: a bad frame must not kill the UI. */
  private handleFrame(data: unknown): void {
    let frame: Partial<ServerFrame> & Record<string, unknown>;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      console.warn('tray-ui: dropped a frame that is not JSON');
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if (frame.type === 'reply' && typeof frame.id === 'number') {
      const call = this.pending.get(frame.id);
      if (!call) return;
      this.pending.delete(frame.id);
      clearTimeout(call.timer);
      const reply = frame.reply as { ok?: unknown; value?: unknown; error?: unknown } | undefined;
      if (reply && reply.ok === true) {
        call.resolve(reply.value);
      } else if (reply && reply.ok === false && isActionable(reply.error)) {
        call.reject(new ContractError(reply.error));
      } else {
        call.reject(
          new ContractError({
            code: 'malformed_reply',
            message: 'The companion sent a malformed reply.',
            hint: 'The UI and the companion are out of step; reload the window.',
          }),
        );
      }
      return;
    }
    if (frame.type === 'event' && (eventNames as readonly unknown[]).includes(frame.event)) {
      this.events.emit(frame.event as EventName, frame.payload);
      return;
    }
    console.warn('tray-ui: dropped an unknown frame');
  }
}

function isActionable(value: unknown): value is { code: string; message: string; hint: string } {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.hint === 'string';
}
