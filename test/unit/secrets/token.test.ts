import { describe, expect, it } from 'vitest';
import { generateToken, TOKEN_PATTERN, ulid } from '../../../main/core/secrets/token';

describe('token generation', () => {
  it('mints 52-char Crockford base32 tokens (two ULIDs), all distinct', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generateToken()));
    expect(tokens.size).toBe(2000);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    expect([...tokens].join('')).not.toMatch(/[ILOU]/);
  });

  it('encodes the timestamp in the first 10 chars of each ULID', () => {
    expect(ulid(0).slice(0, 10)).toBe('0000000000');
    expect(ulid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41');
    const t = generateToken(1469918176385);
    expect(t.slice(0, 10)).toBe('01ARYZ6S41');
    expect(t.slice(26, 36)).toBe('01ARYZ6S41');
    expect(t.slice(10, 26)).not.toBe(t.slice(36));
  });
});
