import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot, ServiceSnapshot } from '../../../main/contract/model';
import { deriveOverallStatus } from '../../../main/core/snapshot/overall-status';
import { sampleService } from '../../../tray-ui/src/lib/client/sample-snapshot';

const connected: ConnectionSnapshot = {
  state: 'connected',
  lastConnectedAtMs: 10_000,
  nextRetryAtMs: null,
  error: null,
};
const refused = { code: 'gateway_unreachable', message: 'ECONNREFUSED', hint: '' };
const all = (over: Partial<Record<string, Partial<ServiceSnapshot>>> = {}): ServiceSnapshot[] =>
  ['gateway', 'browserd', 'nodehost'].map((n) => sampleService(n, { startedAtMs: 5_000, ...over[n] }));

describe('deriveOverallStatus is honest and calm', () => {
  it('is healthy only when every needed service runs healthy and the gateway is signed in', () => {
    expect(deriveOverallStatus(all(), connected)).toBe('healthy');
  });

  it('never calls a deliberately stopped browserd "healthy"', () => {
    const services = all({ browserd: { desired: false, state: 'stopped', pid: null } });
    expect(deriveOverallStatus(services, connected)).toBe('partial');
  });

  it('an optional node host that was never started does not count', () => {
    const services = all({ nodehost: { desired: false, state: 'stopped', pid: null } });
    expect(deriveOverallStatus(services, connected)).toBe('healthy');
  });

  it('a planned start or restart reads "starting", even while the connection is refused', () => {
    const reconnecting: ConnectionSnapshot = { ...connected, state: 'reconnecting', error: refused };
    expect(
      deriveOverallStatus(all({ gateway: { state: 'starting', health: 'unknown' } }), reconnecting),
    ).toBe('starting');
    expect(deriveOverallStatus(all({ gateway: { state: 'stopping' } }), reconnecting)).toBe('starting');
    // Gateway back up, but not signed in since this process started: still starting.
    expect(deriveOverallStatus(all({ gateway: { startedAtMs: 20_000 } }), reconnecting)).toBe('starting');
  });

  it('a gateway that stays unreachable is down, not starting forever', () => {
    const offline: ConnectionSnapshot = { ...connected, state: 'offline', error: refused };
    expect(deriveOverallStatus(all(), offline)).toBe('down');
  });

  it('a desired service that fails or waits to restart is degraded', () => {
    expect(deriveOverallStatus(all({ browserd: { state: 'backoff' } }), connected)).toBe('degraded');
  });
});
