import type { CompanionSnapshot } from '../../main/contract/model';

/** Every sidecar the companion wants is running and healthy — `expected` of them when given. */
export function allHealthy(snap: CompanionSnapshot, expected?: number): boolean {
  const desired = snap.services.filter((s) => s.desired);
  if (expected !== undefined ? desired.length !== expected : desired.length === 0) return false;
  return desired.every((s) => s.state === 'running' && s.health === 'healthy');
}
