import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url without padding: 43 characters, like palyrad's session tokens. */
export function mintToken(): string {
  return randomBytes(32).toString('base64url');
}

/** palyrad stores only the SHA-256 of session, CSRF and handoff tokens. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
