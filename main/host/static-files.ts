// Serves the built tray-ui. Only regular files inside uiDir, never a listing, never a dotfile;
// any traversal attempt (plain, percent-encoded, double-encoded, backslash) is refused outright
// rather than normalised, so a probe shows up as a 400 instead of silently resolving.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type StaticLookup =
  | { kind: 'file'; absolutePath: string; size: number; contentType: string }
  | { kind: 'bad_path' }
  | { kind: 'not_found' };

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Splits a raw request path into safe segments, or null when it tries to escape. */
export function safeSegments(rawPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // A '%' surviving one decode means double encoding (%252e%252e): nothing legitimate needs it.
  if (/[\\\0%]/.test(decoded) || !decoded.startsWith('/')) return null;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  return segments;
}

export class StaticFiles {
  private rootReal: string | null = null;

  constructor(private readonly root: string) {}

  async lookup(rawPath: string): Promise<StaticLookup> {
    const segments = safeSegments(rawPath);
    if (segments === null) return { kind: 'bad_path' };
    if (segments.some((segment) => segment.startsWith('.'))) return { kind: 'not_found' };
    const relative = segments.length === 0 ? ['index.html'] : segments;
    try {
      const root = await this.realRoot();
      // realpath also resolves symlinks, so a link inside uiDir cannot point outside it.
      const absolutePath = await realpath(join(root, ...relative));
      if (!absolutePath.startsWith(root + sep)) return { kind: 'not_found' };
      const info = await stat(absolutePath);
      if (!info.isFile()) return { kind: 'not_found' };
      return { kind: 'file', absolutePath, size: info.size, contentType: contentTypeFor(absolutePath) };
    } catch {
      return { kind: 'not_found' };
    }
  }

  async hasIndex(): Promise<boolean> {
    return (await this.lookup('/index.html')).kind === 'file';
  }

  open(absolutePath: string): NodeJS.ReadableStream {
    return createReadStream(absolutePath);
  }

  private async realRoot(): Promise<string> {
    if (this.rootReal === null) this.rootReal = await realpath(this.root);
    return this.rootReal;
  }
}
