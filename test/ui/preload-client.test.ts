// The preload client over an in-process bridge object shaped like Electron's `window.palyra`.
import { describe, expect, it } from 'vitest';
import type { PreloadBridge } from '../../main/contract/client';
import { ContractError } from '../../main/contract/client';
import type { EventName } from '../../main/contract/events';
import { createClient } from '../../tray-ui/src/lib/client/create-client';
import { PreloadClient } from '../../tray-ui/src/lib/client/preload-client';

function bridge(reply: (name: string, params: unknown) => Promise<unknown>) {
  const handlers = new Map<EventName, (payload: unknown) => void>();
  const b: PreloadBridge = {
    call: (name, params) => reply(name, params) as ReturnType<PreloadBridge['call']>,
    on: (event, handler) => {
      handlers.set(event, handler);
      return () => handlers.delete(event);
    },
  };
  return { b, handlers };
}

describe('PreloadClient', () => {
  it('is picked when window.palyra exists and unwraps replies', async () => {
    const { b } = bridge(async (name, params) => ({ ok: true, value: { name, params } }));
    const client = createClient(Object.assign(Object.create(window) as Window, { palyra: b }));
    expect(client.transport).toBe('electron');
    await expect(client.call('service.stop', { service: 'gateway' })).resolves.toEqual({
      name: 'service.stop',
      params: { service: 'gateway' },
    });
  });

  it('turns failed, malformed and thrown replies into ContractErrors', async () => {
    const err = { code: 'port_busy', message: 'Busy.', hint: 'Free the port.' };
    await expect(
      new PreloadClient(bridge(async () => ({ ok: false, error: err })).b).call('snapshot.get', {}),
    ).rejects.toEqual(new ContractError(err));
    await expect(
      new PreloadClient(bridge(async () => 'garbage').b).call('snapshot.get', {}),
    ).rejects.toMatchObject({
      code: 'malformed_reply',
    });
    await expect(
      new PreloadClient(
        bridge(async () => {
          throw new Error('ipc channel closed');
        }).b,
      ).call('snapshot.get', {}),
    ).rejects.toMatchObject({ code: 'ipc_failed', message: expect.stringContaining('ipc channel closed') });
  });

  it('forwards events and unsubscribes', () => {
    const { b, handlers } = bridge(async () => ({ ok: true, value: null }));
    const client = new PreloadClient(b);
    const seen: unknown[] = [];
    const off = client.on('navigate', (p) => seen.push(p));
    handlers.get('navigate')?.({ view: 'chat' });
    expect(seen).toEqual([{ view: 'chat' }]);
    off();
    expect(handlers.has('navigate')).toBe(false);
  });
});
