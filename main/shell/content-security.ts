// Locks down the popover's renderer: it may load only our own page (palyra-companion://ui), never
// navigate away, never open windows, and gets no permission but clipboard writes. POPOVER_CSP is
// sent as a header with every response of the UI scheme (ui-protocol.ts), so it applies even if
// the page's <meta> tag is edited.
import type { WebPreferences } from 'electron';
import type { HandlerDetails, SessionPort, WebContentsPort } from './electron-ports';
import { isUiUrl } from './ui-protocol';

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

/** The one permission the UI uses: "Copy" in the Logs view (navigator.clipboard.writeText). */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';
/** Voice input in quick chat asks for `media`; only audio is ever granted, never the camera. */
const MEDIA_PERMISSION = 'media';

function audioOnly(details: unknown): boolean {
  const types = (details as { mediaTypes?: string[] }).mediaTypes;
  return Array.isArray(types) && types.length > 0 && types.every((t) => t === 'audio');
}

/**
 * Grants clipboard writes, and microphone capture for voice input, to our own page's main frame,
 * and denies every other permission request and check. (The CSP comes with every response of the
 * UI scheme: see ui-protocol.ts.)
 */
export function lockSession(session: SessionPort): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const ours = details.isMainFrame && isUiUrl(details.requestingUrl);
    if (permission === MEDIA_PERMISSION) {
      callback(ours && audioOnly(details));
      return;
    }
    callback(permission === ALLOWED_PERMISSION && ours);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    const ours = details.isMainFrame && details.embeddingOrigin === undefined && isUiUrl(requestingOrigin);
    if (permission === MEDIA_PERMISSION)
      return ours && (details as { mediaType?: string }).mediaType === 'audio';
    return permission === ALLOWED_PERMISSION && ours;
  });
}
