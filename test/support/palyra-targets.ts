// The gateways a core-level test can run against: always the simulator; the real Palyra daemons
// too when PALYRA_DESKTOP_PALYRAD_BIN, PALYRA_DESKTOP_BROWSERD_BIN and PALYRA_DESKTOP_PALYRA_BIN
// name built binaries (otherwise that target is skipped, with the reason in its name).
import { existsSync } from 'node:fs';
import type { DemoCoreOptions } from './demo-core';

export interface PalyraTarget {
  name: string;
  /** Why the target cannot run here, or null. */
  skip: string | null;
  /** startDemoCore options that launch this target's binaries. */
  options: DemoCoreOptions;
}

const REAL_BINS = ['PALYRA_DESKTOP_PALYRAD_BIN', 'PALYRA_DESKTOP_BROWSERD_BIN', 'PALYRA_DESKTOP_PALYRA_BIN'];

export function palyraTargets(): PalyraTarget[] {
  const missing = REAL_BINS.filter((v) => !process.env[v] || !existsSync(process.env[v]!));
  return [
    { name: 'simulator', skip: null, options: { simulatorOnly: true } },
    {
      name: missing.length
        ? `real daemons (skipped: ${missing.join(', ')} not set to built binaries)`
        : 'real daemons',
      skip: missing.length ? `${missing.join(', ')} not set` : null,
      // The resolver takes the binaries from these variables; startDemoCore's demo wrappers are overridden.
      options: { simulatorOnly: true, core: { env: { ...process.env }, startupGraceMs: 60_000 } },
    },
  ];
}
