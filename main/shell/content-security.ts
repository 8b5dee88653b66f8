// Locks down the popover's renderer: it may load only our own file:// page, never navigate away,
// never open windows, never get a permission, and runs under a strict CSP even if the page's
// <meta> tag is edited.
import type { WebPreferences } from 'electron';
import type { HandlerDetails, SessionPort, WebContentsPort } from './electron-ports';

/**
 * The UI talks to core only through the preload bridge, so it needs no network at all. Inline
 * styles stay allowed because Svelte transitions set style attributes.
 */
export const POPOVER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function popoverWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Stops the popover from ever leaving its page or spawning windows. */
export function lockNavigation(webContents: WebContentsPort, onBlocked: (url: string) => void): void {
  const block = (details: { preventDefault(): void; url: string }): void => {
    details.preventDefault();
    onBlocked(details.url);
  };
  webContents.on('will-navigate', block);
  webContents.on('will-redirect', block);
  webContents.setWindowOpenHandler((details: HandlerDetails) => {
    onBlocked(details.url);
    return { action: 'deny' };
  });
}

/** Adds the CSP header to every response and denies every permission request and check. */
export function lockSession(session: SessionPort): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any CSP the response brought so ours is the one that applies.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [POPOVER_CSP];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
