// Electron IPC between the popover and core: calls in (validated sender, validated params via
// dispatchCall), events out. The renderer never gets to choose what the OS opens.
import type { CompanionCore } from '../contract/dispatch';
import { dispatchCall, toActionableError } from '../contract/dispatch';
import type { CallReply } from '../contract/client';
import type { DashboardOpenResult, OAuthStartResult } from '../contract/calls';
import type { EventName, EventPayloads } from '../contract/events';
import type { InvokeEventView, IpcMainPort, WebContentsPort } from './electron-ports';
import type { ExternalOpener } from './external-url';

export const CALL_CHANNEL = 'palyra:call';
export const EVENT_CHANNEL = 'palyra:event';

const untrustedSender: CallReply<never> = {
  ok: false,
  error: {
    code: 'untrusted_sender',
    message: 'The call did not come from the companion window and was ignored.',
    hint: 'Only the companion popover may call the companion; reopen it from the tray.',
  },
};

export interface CallBridgeOptions {
  ipcMain: IpcMainPort;
  core: Pick<CompanionCore, 'handlers'>;
  isTrustedSender(event: InvokeEventView): boolean;
  opener: ExternalOpener;
  onRejected?(reason: string): void;
}

/** Registers the `palyra:call` handler; returns a function that removes it. */
export function registerCallBridge(options: CallBridgeOptions): () => void {
  const { ipcMain, core, opener } = options;
  ipcMain.handle(CALL_CHANNEL, async (event, name, params): Promise<CallReply<unknown>> => {
    if (!options.isTrustedSender(event)) {
      options.onRejected?.(
        `call ${String(name).slice(0, 64)} from ${event.senderFrame?.url ?? 'a destroyed frame'}`,
      );
      return untrustedSender;
    }
    const reply = await dispatchCall(core.handlers, name, params);
    if (reply.ok && (name === 'dashboard.open' || name === 'providers.openai.startOAuth')) {
      // The URL comes from core's reply (core checked it), not from the renderer's params.
      const { url } = reply.value as DashboardOpenResult | OAuthStartResult;
      try {
        await opener.openCoreUrl(url);
      } catch (err) {
        return { ok: false, error: toActionableError(err) };
      }
    }
    return reply;
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Sends an event to the popover if it exists; a missing or closed window just misses it. */
export function sendEvent<E extends EventName>(
  target: () => WebContentsPort | null,
  event: E,
  payload: EventPayloads[E],
): void {
  const contents = target();
  if (!contents || contents.isDestroyed()) return;
  contents.send(EVENT_CHANNEL, event, payload);
}

/** Forwards every core event to the popover; returns the unsubscribe function. */
export function forwardCoreEvents(
  core: Pick<CompanionCore, 'subscribe'>,
  target: () => WebContentsPort | null,
): () => void {
  return core.subscribe((event, payload) => sendEvent(target, event, payload));
}
