// One word for the tray icon and the header, derived from the services and the gateway connection.
// Honest first: a stopped or starting service is never "healthy". Calm second: a planned start or
// restart reads as "starting", not as an error, until it has had its chance to come up.
import type { ConnectionSnapshot, OverallStatus, ServiceSnapshot } from '../../contract/model';

/** Services the product needs whether or not the operator started them; others count when desired. */
function counts(service: ServiceSnapshot): boolean {
  return service.desired || service.kind === 'gateway' || service.kind === 'browserd';
}

/** The gateway runs but the companion has not signed in to it since this process started. */
function signingIn(gateway: ServiceSnapshot, connection: ConnectionSnapshot): boolean {
  if (connection.state === 'connected' || connection.state === 'offline') return false;
  if (gateway.health !== 'healthy') return true;
  return (connection.lastConnectedAtMs ?? 0) < (gateway.startedAtMs ?? 0);
}

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
  if (desired.some((s) => s.state === 'starting' || s.state === 'stopping')) return 'starting';
  if (gateway && signingIn(gateway, connection)) return 'starting';
  if (gateway && connection.state === 'offline') return 'down';
  const needed = services.filter(counts);
  if (needed.some((s) => s.desired && s.state !== 'running')) return 'degraded';
  // Deliberately stopped by the operator: not an error, but not "all healthy" either.
  if (needed.some((s) => !s.desired)) return 'partial';
  const allHealthy = desired.every((s) => s.health === 'healthy');
  return allHealthy && connection.state === 'connected' ? 'healthy' : 'degraded';
}
