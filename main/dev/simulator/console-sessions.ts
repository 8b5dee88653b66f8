import { apiErrors } from './api-error';
import { mintToken, tokenDigest } from './secret-token';

export const SESSION_COOKIE = 'palyra_console_session';
export const CSRF_HEADER = 'x-palyra-csrf-token';
const MAX_SESSIONS = 1024;

export interface ConsoleContext {
  principal: string;
  deviceId: string;
  channel: string | null;
}

export interface ConsoleSession extends ConsoleContext {
  csrfToken: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

/** Console sessions keyed by the SHA-256 of the cookie value, with palyrad's sliding expiry. */
export class ConsoleSessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly ttlMs: number) {}

  /** Returns the cookie value to set; only its digest is kept. */
  open(context: ConsoleContext, now = Date.now()): { cookieValue: string; session: ConsoleSession } {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].issuedAtMs - b[1].issuedAtMs)[0];
      if (oldest) this.sessions.delete(oldest[0]);
    }
    const cookieValue = mintToken();
    const session: ConsoleSession = {
      ...context,
      csrfToken: mintToken(),
      issuedAtMs: now,
      expiresAtMs: now + this.ttlMs,
    };
    this.sessions.set(tokenDigest(cookieValue), session);
    return { cookieValue, session };
  }

  /** The session behind the request's cookie, its expiry pushed out; 403 like palyrad otherwise. */
  authorize(cookieHeader: string | undefined, now = Date.now()): ConsoleSession {
    const cookieValue = readCookie(cookieHeader, SESSION_COOKIE);
    if (!cookieValue) throw apiErrors.forbidden('console session cookie is missing');
    const key = tokenDigest(cookieValue);
    const session = this.sessions.get(key);
    if (!session || session.expiresAtMs <= now) {
      this.sessions.delete(key);
      throw apiErrors.forbidden('console session is missing or expired');
    }
    session.expiresAtMs = now + this.ttlMs;
    return session;
  }

  close(cookieHeader: string | undefined): void {
    const cookieValue = readCookie(cookieHeader, SESSION_COOKIE);
    if (cookieValue) this.sessions.delete(tokenDigest(cookieValue));
  }

  /** Test control: every live session gets a new CSRF token (clients must re-login to learn it). */
  rotateCsrf(): number {
    for (const s of this.sessions.values()) s.csrfToken = mintToken();
    return this.sessions.size;
  }

  /** Test control: forget every session, as a palyrad restart would. */
  revokeAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  get ttl(): number {
    return this.ttlMs;
  }
}

export function checkCsrf(session: ConsoleSession, header: string | string[] | undefined): void {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) throw apiErrors.forbidden('missing CSRF token for console session');
  if (value !== session.csrfToken) throw apiErrors.forbidden('CSRF token is invalid');
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function sessionJson(session: ConsoleSession): Record<string, unknown> {
  const body: Record<string, unknown> = {
    principal: session.principal,
    device_id: session.deviceId,
    profile: {
      name: 'local_desktop',
      label: 'Local desktop',
      environment: 'local',
      color: 'green',
      risk_level: 'low',
      strict_mode: false,
      mode: 'loopback_only',
    },
    csrf_token: session.csrfToken,
    issued_at_unix_ms: session.issuedAtMs,
    expires_at_unix_ms: session.expiresAtMs,
  };
  if (session.channel !== null) body.channel = session.channel;
  return body;
}
