import { describe, expect, it } from 'vitest';
import { shellPathsFrom } from '../../../main/shell/app-paths';
import { lockNavigation, lockSession, popoverWebPreferences } from '../../../main/shell/content-security';
import { UI_INDEX_URL, UI_ORIGIN } from '../../../main/shell/ui-protocol';
import { Popover, POPOVER_HEIGHT, POPOVER_WIDTH, popoverMenubarOptions } from '../../../main/shell/popover';
import { FakeMenubar, FakeSession, FakeWebContents } from './electron-fakes';

const paths = shellPathsFrom('/opt/palyra/build/main/shell');

describe('popover window security', () => {
  it('loads our UI-scheme index in a sandboxed, isolated, node-free popover with our preload', () => {
    const options = popoverMenubarOptions(paths, '/icons/tray.png', 'Palyra Companion');
    expect(options.index).toBe('palyra-companion://ui/index.html');
    expect(options.browserWindow?.skipTaskbar).toBe(true);
    expect(options.browserWindow?.width).toBe(POPOVER_WIDTH);
    expect(options.browserWindow?.height).toBe(POPOVER_HEIGHT);
    expect([POPOVER_WIDTH, POPOVER_HEIGHT]).toEqual([380, 560]);
    expect(options.browserWindow?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/opt/palyra/build/main/shell/preload.js',
    });
    expect(popoverWebPreferences('/p.js').allowRunningInsecureContent).toBe(false);
    expect(popoverWebPreferences('/p.js').webviewTag).toBe(false);
  });

  it('blocks every navigation and redirect away from the page', () => {
    const contents = new FakeWebContents();
    const blocked: string[] = [];
    lockNavigation(contents, (url) => blocked.push(url));
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(blocked).toEqual(['https://evil.example/', 'file:///etc/passwd']);
  });

  it('denies window.open', () => {
    const contents = new FakeWebContents();
    lockNavigation(contents, () => undefined);
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('grants clipboard writes to our own page only, and denies every other permission', async () => {
    const session = new FakeSession();
    lockSession(session);
    // Copy in the Logs view: navigator.clipboard.writeText asks for clipboard-sanitized-write.
    expect(await session.request('clipboard-sanitized-write', `${UI_INDEX_URL}#/logs`)).toBe(true);
    expect(session.check('clipboard-sanitized-write', UI_ORIGIN)).toBe(true);
    // Not for a frame that is not ours, nor for a subframe, nor from file://.
    expect(await session.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(
      await session.request('clipboard-sanitized-write', 'file:///opt/palyra/build/tray-ui/index.html'),
    ).toBe(false);
    expect(await session.request('clipboard-sanitized-write', UI_INDEX_URL, false)).toBe(false);
    expect(session.check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(
      session.check('clipboard-sanitized-write', UI_ORIGIN, {
        isMainFrame: false,
        embeddingOrigin: 'https://x',
      }),
    ).toBe(false);
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'openExternal',
      'clipboard-read',
    ] as const) {
      expect(await session.request(permission, UI_INDEX_URL), permission).toBe(false);
      expect(session.check(permission, UI_ORIGIN), permission).toBe(false);
    }
  });

  it('locks each window the menubar creates before its page loads, including a recreated one', () => {
    const mb = new FakeMenubar();
    new Popover(mb, paths.indexUrl, () => undefined);
    mb.ready();
    const first = mb.window!;
    expect(first.webContents.navigate('will-navigate', 'https://x.example/')).toBe(true);
    expect(first.webContents.session.checkHandler).not.toBeNull();
    const second = mb.createWindow();
    expect(second.webContents.openWindow('https://x.example/')).toEqual({ action: 'deny' });
  });
});

describe('popover sender validation', () => {
  const setup = () => {
    const mb = new FakeMenubar();
    const popover = new Popover(mb, paths.indexUrl, () => undefined);
    mb.ready();
    return { mb, popover, id: mb.window!.webContents.id };
  };

  it('trusts our index.html in our window, also with a route fragment', () => {
    const { popover, id } = setup();
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: { url: paths.indexUrl } })).toBe(true);
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: { url: `${paths.indexUrl}#/chat` } })).toBe(
      true,
    );
  });

  it('rejects a foreign frame, another window, a destroyed frame and a destroyed window', () => {
    const { mb, popover, id } = setup();
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: { url: 'https://evil.example/' } })).toBe(
      false,
    );
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: { url: 'file:///tmp/index.html' } })).toBe(
      false,
    );
    expect(popover.isTrustedSender({ sender: { id: id + 1000 }, senderFrame: { url: paths.indexUrl } })).toBe(
      false,
    );
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: null })).toBe(false);
    mb.window!.destroyed = true;
    expect(popover.isTrustedSender({ sender: { id }, senderFrame: { url: paths.indexUrl } })).toBe(false);
  });
});

describe('popover before the tray exists', () => {
  it('holds a show request until menubar is ready instead of failing', async () => {
    const mb = new FakeMenubar();
    const popover = new Popover(mb, paths.indexUrl, () => undefined);
    let shown = false;
    const pending = popover.show().then(() => (shown = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(shown).toBe(false);
    mb.ready();
    await pending;
    expect(mb.visible).toBe(true);
    expect(mb.window!.focused).toBe(1);
  });
});
