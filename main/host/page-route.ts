// GET/HEAD of the UI. index.html (the page that receives the token in its URL) requires the token
// and is never cached; the other built assets hold no data and are served to anyone who passes
// the Host check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostToken } from './host-token';
import type { StaticFiles } from './static-files';
import { sendPage } from './http-responses';

export async function handlePage(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  query: URLSearchParams,
  files: StaticFiles,
  token: HostToken,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendPage(res, 405, 'Method not allowed', 'The companion UI only answers GET and HEAD.');
    return;
  }
  const isIndex = rawPath === '/' || rawPath === '/index.html';
  if (isIndex && !token.matches(query.get('token'))) {
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
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = files.open(found.absolutePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
