// A hash of how a sidecar was launched. A leftover from an earlier companion is only adopted when
// it was started exactly as we would start it now (same binary, args, env incl. tokens).
import { createHash } from 'node:crypto';
import type { ServiceSpec } from './service-spec';

export function specFingerprint(spec: ServiceSpec): string {
  const env = Object.entries(spec.env).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([spec.binary, spec.args, env, spec.cwd ?? null]))
    .digest('hex');
}
