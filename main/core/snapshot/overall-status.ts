// One word for the tray icon, derived from the services and the gateway connection.
import type { ConnectionSnapshot, OverallStatus, ServiceSnapshot } from '../../contract/model';

export function deriveOverallStatus(
  services: readonly ServiceSnapshot[],
  connection: ConnectionSnapshot,
): OverallStatus {
  const desired = services.filter((s) => s.desired);
  if (desired.length === 0) return 'stopped';
  if (desired.some((s) => s.state === 'crash-looping')) return 'crash-looping';
  const gateway = desired.find((s) => s.kind === 'gateway');
  if (gateway && (gateway.state === 'failed' || gateway.state === 'stopped' || gateway.state === 'backoff')) {
    return 'down';
  }
  if (gateway && gateway.state === 'running' && connection.state === 'offline') return 'down';
  const allHealthy = desired.every((s) => s.state === 'running' && s.health !== 'unhealthy');
  return allHealthy && connection.state === 'connected' ? 'healthy' : 'degraded';
}
