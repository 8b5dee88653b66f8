// Serves the popover's UI from a privileged custom scheme, palyra-companion://ui/…, instead of
// file://. Electron does not run webRequest.onHeadersReceived for file:// pages
// (electron/electron#23485), so a CSP header could never apply there; here every response is
// ours, and carries the CSP header. It also lets the GrantFileProtocolExtraPrivileges fuse go off.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme } from 'electron';

export const UI_SCHEME = 'palyra-companion';
export const UI_HOST = 'ui';
export const UI_ORIGIN = `${UI_SCHEME}://${UI_HOST}`;
export const UI_INDEX_URL = `${UI_ORIGIN}/index.html`;

/**
 * The UI talks to core only through the preload bridge, so it needs no network at all (connect-src
 * 'none'); tray-ui/index.html's meta tag may be no looser (test/unit/shell/ui-protocol.test.ts). Inline
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

/** True for our own UI's origin or a URL on it (Node's URL says "null" for a custom scheme's origin). */
export function isUiUrl(raw: string | undefined): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${UI_SCHEME}:` && url.host === UI_HOST;
  } catch {
    return false;
  }
}

/**
 * standard: real origins, relative URLs and ES modules resolve as on http; secure: a secure
 * context (clipboard); supportFetchAPI for module scripts. No bypassCSP: the CSP applies.
 * Must be registered before the app is ready (Electron's protocol docs).
 */
export const UI_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: UI_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** What the Vite build of tray-ui emits; anything else is not part of the UI and gets a 404. */
const UI_CONTENT_TYPES = new Map<string, string>([
  ['html', 'text/html; charset=utf-8'],
  ['js', 'text/javascript; charset=utf-8'],
  ['css', 'text/css; charset=utf-8'],
  ['svg', 'image/svg+xml'],
  ['png', 'image/png'],
  ['ico', 'image/x-icon'],
  ['woff2', 'font/woff2'],
]);

function respond(status: number, body: BodyInit | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': POPOVER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

function notFound(): Response {
  return respond(404, 'Not found', 'text/plain; charset=utf-8');
}

/** The file under uiDir a request names, or null when it is not one (other host, traversal, …). */
export function uiFileFor(uiDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${UI_SCHEME}:` || url.host !== UI_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // The URL parser already folded "/../"; encoded separators and NUL must not sneak one back in.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const file = join(uiDir, path === '/' ? 'index.html' : path);
  const inside = relative(uiDir, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

/** protocol.handle's handler for the UI scheme. */
export function createUiHandler(uiDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    }
    const file = uiFileFor(uiDir, request.url);
    if (!file) return notFound();
    const type = UI_CONTENT_TYPES.get(extname(file).slice(1).toLowerCase());
    if (!type) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(body), type);
  };
}
