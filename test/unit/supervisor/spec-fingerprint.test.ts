import { describe, expect, it } from 'vitest';
import { BinaryResolver } from '../../../main/core/process/binary-resolver';
import { palyraServiceSpecs } from '../../../main/core/supervisor/palyra-specs';
import { byCodeUnits, specFingerprint } from '../../../main/core/supervisor/spec-fingerprint';

const specs = palyraServiceSpecs({
  stateRoot: '/var/lib/palyra-test',
  adminToken: 'ADMIN-TOKEN-0123456789',
  browserToken: 'BROWSER-TOKEN-0123456789',
  browserServiceEnabled: true,
  resolver: new BinaryResolver({ env: { PATH: '' } }),
});

describe('specFingerprint', () => {
  it("orders Palyra's env keys as the earlier localeCompare did, so recorded fingerprints still match", () => {
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const keys = Object.keys(spec.env);
      expect([...keys].sort(byCodeUnits)).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    }
  });

  it('does not depend on the order env keys were written in', () => {
    const spec = specs[0]!;
    const reversed = { ...spec, env: Object.fromEntries(Object.entries(spec.env).reverse()) };
    expect(specFingerprint(reversed)).toBe(specFingerprint(spec));
    expect(specFingerprint({ ...spec, env: { ...spec.env, EXTRA: '1' } })).not.toBe(specFingerprint(spec));
  });
});
