// The single entry point for calls coming from outside core (IPC, host WebSocket). Untrusted
// input in, a typed reply out: unknown names, bad params and handler failures all become an
// ActionableError, never a throw.
import type { ActionableError, HotkeyStatus } from './model';
import { callSchemas, type CallName, type ContractHandlers } from './calls';
import type { CallReply } from './client';
import type { EventName, EventPayloads } from './events';
import type { NativeNotificationRequest } from './native';

/** What the shell and the host need from core. */
export interface CompanionCore {
  readonly handlers: ContractHandlers;
  /** Every event core emits, in order. Returns an unsubscribe function. */
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
  /** Native notifications core decided to raise (already rate-limited and grouped). */
  onNativeNotification(listener: (request: NativeNotificationRequest) => void): () => void;
  /** Stops every sidecar gracefully and releases files and sockets. */
  shutdown(): Promise<void>;
  /**
   * The shell reports whether the global hotkey could be registered (after start and after every
   * preferences change); core puts it into `snapshot.hotkey` so Settings can show a conflict.
   * Optional: the browser host has no hotkey.
   */
  reportHotkeyStatus?(status: HotkeyStatus): void;
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(callSchemas, name);
}

/** Turns anything thrown by a handler into something the UI can show. */
/** Only flat string/number values cross the contract as an error's params. */
function plainParams(raw: unknown): Record<string, string | number> | null {
  if (!raw || typeof raw !== 'object') return null;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

export function toActionableError(err: unknown): ActionableError {
  if (err && typeof err === 'object') {
    const e = err as Partial<ActionableError> & { message?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string' && typeof e.hint === 'string') {
      const params = plainParams(e.params);
      return { code: e.code, message: e.message, hint: e.hint, ...(params ? { params } : {}) };
    }
    if (typeof e.message === 'string') {
      return { code: 'internal_error', message: e.message, hint: 'See the companion log for details.' };
    }
  }
  return { code: 'internal_error', message: String(err), hint: 'See the companion log for details.' };
}

export async function dispatchCall(
  handlers: ContractHandlers,
  name: unknown,
  params: unknown,
): Promise<CallReply<unknown>> {
  if (!isCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_call',
        message: `Unknown call ${JSON.stringify(String(name)).slice(0, 80)}.`,
        hint: 'The UI and the companion are out of step; restart the companion.',
      },
    };
  }
  const parsed = callSchemas[name].safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        code: 'invalid_params',
        message: `Invalid parameters for ${name}${where}: ${issue?.message ?? 'rejected'}.`,
        hint: 'The request was malformed; nothing was changed.',
      },
    };
  }
  try {
    const handler = handlers[name] as (p: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toActionableError(err) };
  }
}
