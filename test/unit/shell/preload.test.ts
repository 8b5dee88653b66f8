// preload.ts is an entry point Electron loads by itself (and a sandboxed preload may require only
// 'electron'), so here 'electron' is mocked: contextBridge records what is exposed, ipcRenderer is
// a typed fake.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import type { IpcRendererEvent } from 'electron';
import type { PreloadBridge } from '../../../main/contract/client';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../main/shell/ipc-bridge';

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return { ok: true, value: 'pong' };
  }
  deliver(name: unknown, payload: unknown): void {
    this.emit(EVENT_CHANNEL, {} as IpcRendererEvent, name, payload);
  }
}

const exposed = vi.hoisted(() => new Map<string, unknown>());
const ipcRenderer = vi.hoisted(() => ({ current: null as FakeIpcRenderer | null }));

vi.mock('electron', () => {
  ipcRenderer.current = new FakeIpcRenderer();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: ipcRenderer.current,
  };
});

async function loadBridge(): Promise<{ bridge: PreloadBridge; ipc: FakeIpcRenderer }> {
  await import('../../../main/shell/preload');
  return { bridge: exposed.get('palyra') as PreloadBridge, ipc: ipcRenderer.current! };
}

describe('preload bridge', () => {
  it('compiles to a script that requires nothing but electron (sandboxed preloads cannot)', () => {
    const source = readFileSync(join(__dirname, '../../../main/shell/preload.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const required = [...outputText.matchAll(/require\((['"])([^'"]+)\1\)/g)].map((m) => m[2]);
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly window.palyra = { call, on }, frozen', async () => {
    const { bridge } = await loadBridge();
    expect([...exposed.keys()]).toEqual(['palyra']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('call goes through ipcRenderer.invoke on the shell channel', async () => {
    const { bridge, ipc } = await loadBridge();
    const reply = await bridge.call('service.start', { service: 'gateway' });
    expect(reply).toEqual({ ok: true, value: 'pong' });
    expect(ipc.invoked.at(-1)).toEqual([CALL_CHANNEL, 'service.start', { service: 'gateway' }]);
  });

  it('on delivers only payloads (never the IPC event), per event, until unsubscribed', async () => {
    const { bridge, ipc } = await loadBridge();
    const got: unknown[][] = [];
    const off = bridge.on('navigate', (...args: unknown[]) => got.push(args));
    bridge.on('log.lines', () => got.push(['wrong']));
    ipc.deliver('navigate', { view: 'chat' });
    ipc.deliver(42, { view: 'chat' });
    off();
    ipc.deliver('navigate', { view: 'logs' });
    expect(got).toEqual([[{ view: 'chat' }]]);
  });

  it('a throwing handler does not stop the others', async () => {
    const { bridge, ipc } = await loadBridge();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: unknown[] = [];
    bridge.on('snapshot.patch', () => {
      throw new Error('ui bug');
    });
    bridge.on('snapshot.patch', (p) => got.push(p));
    ipc.deliver('snapshot.patch', { revision: 2 });
    expect(got).toEqual([{ revision: 2 }]);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});
