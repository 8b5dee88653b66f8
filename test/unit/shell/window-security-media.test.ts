// Voice input's microphone in the Electron shell: granted to our own page's main frame for audio
// only. The camera, screen capture, other origins, file:// and subframes are refused, both when the
// page asks (request handler) and when Chromium checks (check handler, e.g. enumerateDevices).
import { describe, expect, it } from 'vitest';
import { lockSession } from '../../../main/shell/content-security';
import { UI_INDEX_URL, UI_ORIGIN } from '../../../main/shell/ui-protocol';
import { FakeSession } from './electron-fakes';

function locked(): FakeSession {
  const session = new FakeSession();
  lockSession(session);
  return session;
}

describe('popover microphone permission', () => {
  it('grants the microphone to our own page, main frame, audio only', async () => {
    const session = locked();
    expect(await session.request('media', `${UI_INDEX_URL}#/chat`, true, ['audio'])).toBe(true);
    expect(session.check('media', UI_ORIGIN, { isMainFrame: true, mediaType: 'audio' })).toBe(true);
  });

  it('refuses the camera, alone or with the microphone, and a request that names no media', async () => {
    const session = locked();
    expect(await session.request('media', UI_INDEX_URL, true, ['video'])).toBe(false);
    expect(await session.request('media', UI_INDEX_URL, true, ['audio', 'video'])).toBe(false);
    expect(await session.request('media', UI_INDEX_URL, true, [])).toBe(false);
    expect(await session.request('media', UI_INDEX_URL, true)).toBe(false);
    expect(session.check('media', UI_ORIGIN, { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(session.check('media', UI_ORIGIN, { isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(session.check('media', UI_ORIGIN, { isMainFrame: true })).toBe(false);
    expect(await session.request('display-capture', UI_INDEX_URL, true, ['video'])).toBe(false);
  });

  it('refuses the microphone to other origins and file://', async () => {
    const session = locked();
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:7142/',
      'file:///opt/palyra/build/tray-ui/index.html',
    ]) {
      expect(await session.request('media', url, true, ['audio']), url).toBe(false);
      expect(session.check('media', url, { isMainFrame: true, mediaType: 'audio' }), url).toBe(false);
    }
  });

  it('refuses the microphone to subframes, even ones of our own origin', async () => {
    const session = locked();
    expect(await session.request('media', UI_INDEX_URL, false, ['audio'])).toBe(false);
    expect(session.check('media', UI_ORIGIN, { isMainFrame: false, mediaType: 'audio' })).toBe(false);
    expect(
      session.check('media', UI_ORIGIN, {
        isMainFrame: true,
        embeddingOrigin: 'https://evil.example',
        mediaType: 'audio',
      }),
    ).toBe(false);
  });
});
