import { describe, expect, it } from 'vitest';
import { shellPathsFrom } from '../../../main/shell/app-paths';
import { checkExternalUrl, ExternalOpener } from '../../../main/shell/external-url';
import {
  CALL_CHANNEL,
  EVENT_CHANNEL,
  forwardCoreEvents,
  registerCallBridge,
} from '../../../main/shell/ipc-bridge';
import { Popover } from '../../../main/shell/popover';
import { FakeIpcMain, FakeMenubar, FakeShell } from './electron-fakes';
import { FakeCore, makeSnapshot } from '../../fixtures/fake-core';

const paths = shellPathsFrom('/opt/palyra/build/main/shell');

function setup() {
  const core = new FakeCore();
  const ipc = new FakeIpcMain();
  const shell = new FakeShell();
  const mb = new FakeMenubar();
  const popover = new Popover(mb, paths.indexUrl, () => undefined);
  mb.ready();
  const rejected: string[] = [];
  const remove = registerCallBridge({
    ipcMain: ipc,
    core,
    opener: new ExternalOpener(shell),
    isTrustedSender: (e) => popover.isTrustedSender(e),
    onRejected: (r) => rejected.push(r),
  });
  const ours = { id: mb.window!.webContents.id, frameUrl: paths.indexUrl };
  return { core, ipc, shell, mb, popover, rejected, remove, ours };
}

describe('IPC call bridge', () => {
  it('passes a call from the popover through dispatchCall to core', async () => {
    const { core, ipc, ours } = setup();
    core.results['service.restart'] = { ok: true, message: 'restarted' };
    const reply = await ipc.invoke(ours, CALL_CHANNEL, 'service.restart', { service: 'gateway' });
    expect(reply).toEqual({ ok: true, value: { ok: true, message: 'restarted' } });
    expect(core.calls).toEqual([{ name: 'service.restart', params: { service: 'gateway' } }]);
  });

  it('rejects a call from a foreign frame without reaching core', async () => {
    const { core, ipc, ours, rejected } = setup();
    const reply = await ipc.invoke(
      { id: ours.id, frameUrl: 'https://evil.example/frame' },
      CALL_CHANNEL,
      'services.stopAll',
      {},
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(core.calls).toEqual([]);
    expect(rejected[0]).toContain('https://evil.example/frame');
  });

  it('rejects a call from another webContents', async () => {
    const { core, ipc, ours } = setup();
    const reply = await ipc.invoke(
      { id: ours.id + 77, frameUrl: paths.indexUrl },
      CALL_CHANNEL,
      'services.stopAll',
      {},
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(core.calls).toEqual([]);
  });

  it('turns unknown calls, bad params and handler failures into actionable errors', async () => {
    const { ipc, ours } = setup();
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'service.start', { service: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    });
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'services.startAll', {})).toMatchObject({
      ok: false,
      error: { code: 'not_configured', hint: 'configure the test' },
    });
  });

  it('opens the dashboard URL core built, and only that', async () => {
    const { core, ipc, shell, ours } = setup();
    const url = 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=abc';
    core.results['dashboard.open'] = { url, expiresAtMs: null };
    const reply = await ipc.invoke(ours, CALL_CHANNEL, 'dashboard.open', { section: 'approvals' });
    expect(reply).toEqual({ ok: true, value: { url, expiresAtMs: null } });
    expect(shell.opened).toEqual([url]);

    // A renderer cannot smuggle its own URL in: the schema is strict and nothing is opened.
    const smuggled = await ipc.invoke(ours, CALL_CHANNEL, 'dashboard.open', { url: 'https://evil.example/' });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(shell.opened).toEqual([url]);
  });

  it('refuses to open a non-web or credentialed URL even from core, and reports a browser failure', async () => {
    const { core, ipc, shell, ours } = setup();
    core.results['dashboard.open'] = { url: 'javascript:alert(1)', expiresAtMs: null };
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'dashboard.open', {})).toMatchObject({
      ok: false,
      error: { code: 'dashboard_url_invalid' },
    });
    core.results['dashboard.open'] = { url: 'http://admin:pw@127.0.0.1:7142/', expiresAtMs: null };
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'dashboard.open', {})).toMatchObject({
      ok: false,
      error: { code: 'dashboard_url_invalid' },
    });
    expect(shell.opened).toEqual([]);
    core.results['dashboard.open'] = { url: 'https://dash.example/', expiresAtMs: null };
    shell.failWith = new Error('xdg-open not found');
    expect(await ipc.invoke(ours, CALL_CHANNEL, 'dashboard.open', {})).toMatchObject({
      ok: false,
      error: { code: 'browser_open_failed' },
    });
  });

  it('removes its handler', () => {
    const { ipc, remove } = setup();
    expect(ipc.handlers.has(CALL_CHANNEL)).toBe(true);
    remove();
    expect(ipc.handlers.has(CALL_CHANNEL)).toBe(false);
  });

  it('checks external URLs', () => {
    expect(checkExternalUrl('https://dash.example/#/x').href).toBe('https://dash.example/#/x');
    for (const bad of ['file:///etc/passwd', 'not a url', 'smb://host/share', 'https://u@dash.example/']) {
      expect(() => checkExternalUrl(bad)).toThrow(expect.objectContaining({ code: 'dashboard_url_invalid' }));
    }
  });
});

describe('event forwarding', () => {
  it('forwards core events to the popover, and drops them while it has no live window', () => {
    const { core, mb, popover } = setup();
    const unsubscribe = forwardCoreEvents(core, () => popover.webContents());
    const snapshot = makeSnapshot({ revision: 5 });
    core.emit('snapshot', snapshot);
    core.emit('navigate', { view: 'chat' });
    const contents = mb.window!.webContents;
    expect(contents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: ['snapshot', snapshot] },
      { channel: EVENT_CHANNEL, args: ['navigate', { view: 'chat' }] },
    ]);
    contents.destroyed = true;
    expect(() => core.emit('navigate', { view: 'logs' })).not.toThrow();
    unsubscribe();
    expect(core.subscriberCount).toBe(0);
  });
});
