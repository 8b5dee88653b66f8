// Demo mode keeps its throwaway tokens in memory only, so tests that drive the simulator's
// control API (/__sim/*) read the admin token where the companion handed it over: the gateway
// sidecar's environment (PALYRA_ADMIN_TOKEN, as palyrad is launched). Same user, same machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The admin token of the gateway the companion on `stateRoot` runs now; throws while there is none. */
export function demoAdminToken(stateRoot: string): string {
  const file = JSON.parse(readFileSync(join(stateRoot, 'companion', 'sidecars.json'), 'utf8')) as {
    sidecars?: { service?: unknown; pid?: unknown }[];
  };
  const gateway = file.sidecars?.find((s) => s.service === 'gateway');
  if (typeof gateway?.pid !== 'number') throw new Error('the gateway sidecar is not running yet');
  const environ = readFileSync(`/proc/${gateway.pid}/environ`, 'utf8').split('\0');
  const entry = environ.find((e) => e.startsWith('PALYRA_ADMIN_TOKEN='));
  if (!entry) throw new Error(`gateway pid ${gateway.pid} has no PALYRA_ADMIN_TOKEN in its environment`);
  return entry.slice('PALYRA_ADMIN_TOKEN='.length);
}
