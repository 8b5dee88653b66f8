// GET/HEAD of the UI. index.html (the page that receives the token in its URL) requires the token
// and is never cached; the other built assets hold no data and are served to anyone who passes
// the Host check.
//
// Reload: the UI strips ?token= from the address bar and keeps the token in sessionStorage, so a
// reload asks for a bare `/`. Serving index.html with the token also sets an HttpOnly, SameSite
// Strict cookie holding a key *derived* from the token that unlocks index.html only. Cookies
// ignore ports, so other services on 127.0.0.1 may see it; that is why it is not the token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DerivedKey, HostToken } from './host-token';
import type { StaticFiles } from './static-files';
import { sendPage } from './http-responses';

export async function handlePage(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  query: URLSearchParams,
  files: StaticFiles,
  token: HostToken,
  page: PageCookie,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendPage(res, 405, 'Method not allowed', 'The companion UI only answers GET and HEAD.');
    return;
  }
  const isIndex = rawPath === '/' || rawPath === '/index.html';
  const byToken = isIndex && token.matches(query.get('token'));
  if (isIndex && !byToken && !page.key.matches(cookieValue(req.headers.cookie, page.name))) {
    sendPage(
      res,
      401,
      'Palyra Companion: token required',
      'Open the full address the companion printed when it started (it ends in ?token=…). ' +
        'Restarting the companion prints a new one.',
    );
    return;
  }
  const found = await files.lookup(rawPath);
  if (found.kind === 'bad_path') {
    sendPage(res, 400, 'Bad path', 'The requested path is not allowed.');
    return;
  }
  if (found.kind === 'not_found') {
    if (isIndex) {
      sendPage(
        res,
        503,
        'Palyra Companion UI is not built',
        'index.html was not found in the UI directory. Run `npm run build:ui`, then reload.',
      );
      return;
    }
    sendPage(res, 404, 'Not found', 'There is no such file in the companion UI.');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', found.contentType);
  res.setHeader('Content-Length', found.size);
  res.setHeader('Cache-Control', isIndex ? 'no-store' : 'no-cache');
  if (byToken) {
    res.setHeader('Set-Cookie', `${page.name}=${page.key.value}; Path=/; HttpOnly; SameSite=Strict`);
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = files.open(found.absolutePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export interface PageCookie {
  /** Per port, so two companions on one machine do not overwrite each other's cookie. */
  name: string;
  key: DerivedKey;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}
