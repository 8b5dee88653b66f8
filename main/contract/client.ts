// The one interface tray-ui talks to. The preload bridge (Electron) and the host's WebSocket
// client (browser) both implement it, so the UI cannot tell them apart.
import type { ActionableError } from './model';
import type { CallName, CallParams, CallResult } from './calls';
import type { EventName, EventPayloads } from './events';

export interface ContractClient {
  call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>>;
  /** Returns an unsubscribe function. */
  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void;
}

/** The error every failed call rejects with, whatever the transport. */
export class ContractError extends Error implements ActionableError {
  readonly code: string;
  readonly hint: string;

  constructor(error: ActionableError) {
    super(error.message);
    this.name = 'ContractError';
    this.code = error.code;
    this.hint = error.hint;
  }

  toJSON(): ActionableError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Wire envelope of a call reply (IPC and WebSocket alike). */
export type CallReply<T> = { ok: true; value: T } | { ok: false; error: ActionableError };

/** Wire frames of the host's WebSocket. */
export type ClientFrame = { type: 'call'; id: number; name: string; params: unknown };
export type ServerFrame =
  | { type: 'reply'; id: number; reply: CallReply<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

/**
 * What the Electron preload exposes as `window.palyra`: raw call replies (the UI turns a failed
 * reply into a ContractError) and event subscription.
 */
export interface PreloadBridge {
  call(name: string, params: unknown): Promise<CallReply<unknown>>;
  /** Returns an unsubscribe function. */
  on(event: EventName, handler: (payload: unknown) => void): () => void;
}
