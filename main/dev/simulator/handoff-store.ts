import { apiErrors } from './api-error';
import type { ConsoleContext } from './console-sessions';
import { mintToken, tokenDigest } from './secret-token';

export const HANDOFF_TTL_MS = 60_000;

interface HandoffGrant {
  context: ConsoleContext;
  redirectPath: string;
  expiresAtMs: number;
}

/** Browser hand-off tokens: minted by a session, validated by consume, spent once by session. */
export class HandoffStore {
  private readonly grants = new Map<string, HandoffGrant>();

  mint(
    context: ConsoleContext,
    redirectPath: string,
    now = Date.now(),
  ): { token: string; expiresAtMs: number } {
    const token = mintToken();
    const expiresAtMs = now + HANDOFF_TTL_MS;
    this.grants.set(tokenDigest(token), { context, redirectPath, expiresAtMs });
    return { token, expiresAtMs };
  }

  /** Validation only: the browser may follow the 303 and still need the token for `session`. */
  peek(token: string, now = Date.now()): HandoffGrant {
    const grant = this.grants.get(tokenDigest(token));
    if (!grant || grant.expiresAtMs <= now)
      throw apiErrors.forbidden('browser handoff token is invalid or expired');
    return grant;
  }

  consume(token: string, now = Date.now()): HandoffGrant {
    const grant = this.peek(token, now);
    this.grants.delete(tokenDigest(token));
    return grant;
  }
}

/** palyrad refuses redirect paths that could leave the origin or split headers. */
export function validateRedirectPath(path: string): void {
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\r\n]/.test(path)) {
    throw apiErrors.invalid('redirect_path must be a same-origin absolute path', 'redirect_path');
  }
}

/** `/#/x` + token → `/?desktop_handoff_token=t#/x`: the fragment stays last. */
export function consumeLocation(redirectPath: string, token: string): string {
  const hashAt = redirectPath.indexOf('#');
  const beforeHash = hashAt >= 0 ? redirectPath.slice(0, hashAt) : redirectPath;
  const fragment = hashAt >= 0 ? redirectPath.slice(hashAt) : '';
  const sep = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${sep}desktop_handoff_token=${encodeURIComponent(token)}${fragment}`;
}
