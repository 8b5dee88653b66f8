// Palyra's token format: two ULIDs back to back (52 chars of Crockford base32), so tokens the
// companion mints look exactly like the ones Palyra's desktop app stores.
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TOKEN_PATTERN = /^[0-9A-HJKMNP-TV-Z]{52}$/;

function encodeBits(value: bigint, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i += 1) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** 48-bit millisecond timestamp (10 chars) + 80 CSPRNG bits (16 chars). */
export function ulid(nowMs: number = Date.now()): string {
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`);
  return encodeBits(BigInt(nowMs) & ((1n << 48n) - 1n), 10) + encodeBits(random, 16);
}

export function generateToken(nowMs: number = Date.now()): string {
  return ulid(nowMs) + ulid(nowMs);
}
