// The popover's preload. Sandboxed preloads can require only 'electron', so this file imports
// nothing else at run time (the contract imports below are types, erased by the compiler) and
// repeats the two channel names from ipc-bridge.ts (a unit test keeps them equal).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallReply, PreloadBridge } from '../contract/client';
import type { EventName } from '../contract/events';

const CALL_CHANNEL = 'palyra:call';
const EVENT_CHANNEL = 'palyra:event';

type Handler = (payload: unknown) => void;

export type PreloadIpc = Pick<Electron.IpcRenderer, 'invoke' | 'on'>;

/** Builds `window.palyra`: exactly `call` and `on`, never ipcRenderer itself. */
export function createPreloadBridge(ipc: PreloadIpc): PreloadBridge {
  const handlers = new Map<string, Set<Handler>>();
  // One listener for all events; the renderer never sees the IpcRendererEvent (it holds `sender`).
  ipc.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const handler of handlers.get(name) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        console.error(`palyra: ${name} handler failed`, err);
      }
    }
  });
  return Object.freeze({
    call(name: string, params: unknown): Promise<CallReply<unknown>> {
      return ipc.invoke(CALL_CHANNEL, String(name), params) as Promise<CallReply<unknown>>;
    },
    on(event: EventName, handler: Handler): () => void {
      if (typeof handler !== 'function') throw new TypeError('palyra.on needs a handler function');
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    },
  });
}

contextBridge.exposeInMainWorld('palyra', createPreloadBridge(ipcRenderer));
