// The host hands the page its access token in the URL once. Keep it out of the address bar (and
// so out of history, screenshots and copy-paste) and in sessionStorage so a reload still works.
const storageKey = 'palyra.companion.token';

export function takeAccessToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(storageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
