// ContractClient over the Electron preload bridge (`window.palyra`). IPC is in-process, so the
// link is always open; a failed reply becomes a ContractError like on every other transport.
import { ContractError, type PreloadBridge } from '../../../../main/contract/client';
import type { CallName, CallParams, CallResult } from '../../../../main/contract/calls';
import type { EventName, EventPayloads } from '../../../../main/contract/events';
import { openLink, type LinkStatus, type TrayClient } from './tray-client';

export class PreloadClient implements TrayClient {
  readonly transport = 'electron' as const;

  constructor(private readonly bridge: PreloadBridge) {}

  async call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>> {
    let reply;
    try {
      reply = await this.bridge.call(name, params);
    } catch (err) {
      throw new ContractError({
        code: 'ipc_failed',
        message: `The companion did not answer ${name}: ${err instanceof Error ? err.message : String(err)}.`,
        hint: 'Restart the companion from the tray menu.',
      });
    }
    if (!reply || typeof reply !== 'object' || typeof reply.ok !== 'boolean') {
      throw new ContractError({
        code: 'malformed_reply',
        message: `The companion sent a malformed reply to ${name}.`,
        hint: 'The UI and the companion are out of step; restart the companion.',
      });
    }
    if (!reply.ok) throw new ContractError(reply.error);
    return reply.value as CallResult<K>;
  }

  on<E extends EventName>(event: E, handler: (payload: EventPayloads[E]) => void): () => void {
    return this.bridge.on(event, (payload) => handler(payload as EventPayloads[E]));
  }

  onLink(handler: (status: LinkStatus) => void): () => void {
    handler(openLink);
    return () => {};
  }

  close(): void {}
}
