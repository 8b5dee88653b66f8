// The per-run secret that gates index.html, the API and the WebSocket. Anyone who can reach the
// loopback port (other local users, a malicious page doing DNS rebinding) must still present it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CompanionError } from '../core/errors';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class HostToken {
  readonly value: string;
  // Comparing fixed-length digests keeps the check constant-time even for inputs of another length.
  private readonly digest: Buffer;

  constructor(value?: string) {
    const token = value ?? randomBytes(TOKEN_BYTES).toString('base64url');
    if (!TOKEN_PATTERN.test(token)) {
      throw new CompanionError(
        'invalid_host_token',
        'The host token must be 32 random bytes encoded as base64url (43 characters).',
        'Omit the token to let the companion generate one.',
      );
    }
    this.value = token;
    this.digest = createHash('sha256').update(token).digest();
  }

  matches(candidate: string | null | undefined): boolean {
    return constantTimeEqual(this.digest, candidate);
  }

  /**
   * A value derived from the token for one narrow purpose (e.g. the page-reload cookie): leaking
   * it grants only that purpose, never the token itself.
   */
  derive(purpose: string): DerivedKey {
    return new DerivedKey(createHmac('sha256', this.value).update(purpose).digest('base64url'));
  }
}

export class DerivedKey {
  private readonly digest: Buffer;

  constructor(readonly value: string) {
    this.digest = createHash('sha256').update(value).digest();
  }

  matches(candidate: string | null | undefined): boolean {
    return constantTimeEqual(this.digest, candidate);
  }
}

function constantTimeEqual(expectedDigest: Buffer, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 1024) return false;
  return timingSafeEqual(expectedDigest, createHash('sha256').update(candidate).digest());
}

/** The token from `Authorization: Bearer <t>`, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1]! : null;
}
