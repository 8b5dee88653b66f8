// Demo mode keeps its throwaway tokens in memory only, so a companion that was killed takes them
// along, while the demo gateway and browserd it started keep running with them. The next launch
// takes them back from the leftover gateway's own environment (same user, read from /proc, never
// written anywhere); otherwise it would mint new ones and have to replace sidecars it could adopt.
import { readFileSync } from 'node:fs';
import { readProcStat } from '../process/procfs';
import { PidRegistry } from '../supervisor/pid-registry';
import type { TokenAccount } from './backends';

const ENV_OF_ACCOUNT: Record<TokenAccount, string> = {
  admin_token: 'PALYRA_ADMIN_TOKEN',
  browser_auth_token: 'PALYRA_BROWSER_SERVICE_AUTH_TOKEN',
};

/** The tokens the recorded, still-running gateway of `stateRoot` was started with (empty if none). */
export function recoverDemoTokens(stateRoot: string): Partial<Record<TokenAccount, string>> {
  const registry = new PidRegistry(stateRoot);
  const gateway = registry.load().find((record) => record.service === 'gateway');
  if (!gateway) return {};
  // Only the very process the registry recorded: a reused pid is someone else's environment.
  const stat = readProcStat(gateway.pid);
  if (!stat || stat.state === 'Z' || (gateway.startTime !== null && stat.startTime !== gateway.startTime))
    return {};
  let environ: string[];
  try {
    environ = readFileSync(`/proc/${gateway.pid}/environ`, 'utf8').split('\0');
  } catch {
    return {};
  }
  const tokens: Partial<Record<TokenAccount, string>> = {};
  for (const [account, name] of Object.entries(ENV_OF_ACCOUNT) as [TokenAccount, string][]) {
    const entry = environ.find((e) => e.startsWith(`${name}=`));
    const value = entry?.slice(name.length + 1);
    if (value) tokens[account] = value;
  }
  return tokens;
}
