// A cookie jar for exactly one origin (the local gateway): Electron's main process has no
// browser jar for fetch. Domain/Path attributes are not matched because every request goes to
// the same origin; expiry (Max-Age beats Expires, RFC 6265 §5.3) and deletion are honoured.
interface StoredCookie {
  value: string;
  /** null: a session cookie, kept until the jar is cleared. */
  expiresAtMs: number | null;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  /** Applies every `Set-Cookie` header of one response. */
  store(setCookieHeaders: readonly string[], now = Date.now()): void {
    for (const header of setCookieHeaders) this.storeOne(header, now);
  }

  /** The `Cookie` request header, or null when nothing is live. */
  header(now = Date.now()): string | null {
    const parts: string[] = [];
    for (const [name, cookie] of this.cookies) {
      if (cookie.expiresAtMs !== null && cookie.expiresAtMs <= now) {
        this.cookies.delete(name);
        continue;
      }
      parts.push(`${name}=${cookie.value}`);
    }
    return parts.length > 0 ? parts.join('; ') : null;
  }

  get(name: string, now = Date.now()): string | null {
    const cookie = this.cookies.get(name);
    if (!cookie) return null;
    if (cookie.expiresAtMs !== null && cookie.expiresAtMs <= now) {
      this.cookies.delete(name);
      return null;
    }
    return cookie.value;
  }

  clear(): void {
    this.cookies.clear();
  }

  private storeOne(header: string, now: number): void {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return; // no name: RFC 6265 says ignore the whole header
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let maxAgeMs: number | null = null;
    let expiresMs: number | null = null;
    for (const attribute of attributes) {
      const [rawKey = '', ...rest] = attribute.split('=');
      const key = rawKey.trim().toLowerCase();
      const attrValue = rest.join('=').trim();
      if (key === 'max-age' && /^-?\d+$/.test(attrValue)) maxAgeMs = Number(attrValue) * 1000;
      if (key === 'expires') {
        const parsed = Date.parse(attrValue);
        if (!Number.isNaN(parsed)) expiresMs = parsed;
      }
    }
    const expiresAtMs = maxAgeMs !== null ? now + maxAgeMs : expiresMs;
    if (expiresAtMs !== null && expiresAtMs <= now) {
      this.cookies.delete(name);
      return;
    }
    this.cookies.set(name, { value, expiresAtMs });
  }
}
