// A hash of how a sidecar was launched. A leftover from an earlier companion is only adopted when
// it was started exactly as we would start it now (same binary, args, env incl. tokens).
import { createHash } from 'node:crypto';
import type { ServiceSpec } from './service-spec';

/**
 * Env keys in code-unit order. This used `localeCompare`, whose first call loads ICU's collation
 * data (~2 MiB that stayed resident). For keys of upper-case letters, digits and underscores that
 * differ at a letter (all of Palyra's own, verified in spec-fingerprint.test.ts) both orders agree,
 * so fingerprints recorded by earlier companions still match; only an extra sidecar whose env mixes
 * cases, or keys that differ at an underscore, gets a new fingerprint once (its leftover is then
 * stopped and started again instead of adopted).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function specFingerprint(spec: ServiceSpec): string {
  const env = Object.entries(spec.env).sort(([a], [b]) => byCodeUnits(a, b));
  return createHash('sha256')
    .update(JSON.stringify([spec.binary, spec.args, env, spec.cwd ?? null]))
    .digest('hex');
}
