import { describe, expect, it } from 'vitest';
import type { BinaryStatus, ConnectionSnapshot } from '../../../main/contract/model';
import { buildOnboarding, missingBinariesError } from '../../../main/core/companion/onboarding-model';
import { sampleService } from '../../../tray-ui/src/lib/client/sample-snapshot';

const searched = ['/app', '/usr/local/bin', '/usr/bin', '/usr/local/bin'];
const none: BinaryStatus[] = ['gateway', 'browserd', 'nodehost'].map((service) => ({
  service,
  found: false,
  path: null,
  searched,
}));
const refused: ConnectionSnapshot = {
  state: 'reconnecting',
  lastConnectedAtMs: null,
  nextRetryAtMs: 1,
  error: { code: 'gateway_unreachable', message: 'connect ECONNREFUSED 127.0.0.1:7142', hint: 'Start it.' },
};

function onboarding(binaries: BinaryStatus[], services = [sampleService('gateway')], connection = refused) {
  return buildOnboarding({
    progress: {
      welcomeAcknowledgedAtMs: 1,
      stateRootConfirmedAtMs: 1,
      completedAtMs: null,
      openaiSkippedAtMs: null,
      discordSkippedAtMs: null,
      dashboardHandoffAtMs: null,
    },
    binaries,
    requiredBinaries: ['gateway', 'browserd'],
    keychain: { backend: 'memory', insecure: false, detail: 'demo', error: null },
    services,
    connection,
    stateRoot: '/s',
    defaultStateRoot: '/s',
  });
}

describe('onboarding with Palyra missing', () => {
  it('names every missing binary once, node host included, without a wall of paths', () => {
    const error = missingBinariesError(none, ['gateway', 'browserd'])!;
    expect(error.message).toBe(
      'Palyra is not installed here: the gateway (palyrad), browser service (palyra-browserd) and node host (palyra) binaries are missing.',
    );
    expect(error.message).not.toContain('/usr');
    expect(error.hint).toContain('Check again');
  });

  it('lists missing binaries first, each once, search paths de-duplicated', () => {
    const found: BinaryStatus = { service: 'gateway', found: true, path: '/usr/bin/palyrad', searched };
    const snap = onboarding([found, ...none.slice(1), none[1]!]);
    expect(snap.binaries.map((b) => b.service)).toEqual(['browserd', 'nodehost', 'gateway']);
    expect(snap.binaries[0]!.searched).toEqual(['/app', '/usr/local/bin', '/usr/bin']);
    const step = snap.steps.find((s) => s.key === 'binaries')!;
    expect(step.status).toBe('blocked');
    expect(step.detail).toBe('');
  });
});

describe('onboarding during a planned start', () => {
  const found = none.map((b) => ({ ...b, found: true, path: `/usr/bin/${b.service}` }));

  it('is calm: no blocked step and no connection error while the gateway starts', () => {
    const snap = onboarding(found, [sampleService('gateway', { state: 'starting', health: 'unknown' })]);
    expect(snap.steps.filter((s) => s.status === 'blocked')).toEqual([]);
    expect(snap.steps.find((s) => s.key === 'sidecars')!.detail).toBe('Starting Gateway (palyrad)…');
    expect(snap.steps.find((s) => s.key === 'gateway')!.error).toBeNull();
  });

  it('stays calm while a refusal from before the restart is re-probed (the gateway is healthy again)', () => {
    const snap = onboarding(found, [sampleService('gateway')]);
    expect(snap.steps.filter((s) => s.status === 'blocked')).toEqual([]);
    const step = snap.steps.find((s) => s.key === 'gateway')!;
    expect(step.detailCode).toBe('signing_in');
    expect(step.error).toBeNull();
  });

  it('blocks on a refusal that is not a refusal of the connection (the console rejects the session)', () => {
    const rejected: ConnectionSnapshot = {
      ...refused,
      error: {
        code: 'console_session_rejected',
        message: 'The gateway rejected the session.',
        hint: 'Check the admin token.',
      },
    };
    const step = onboarding(found, [sampleService('gateway')], rejected).steps.find(
      (s) => s.key === 'gateway',
    )!;
    expect(step.status).toBe('blocked');
    expect(step.error?.code).toBe('console_session_rejected');
  });

  it('shows a gateway error once (no "Gateway reconnecting." on top) when our running gateway keeps refusing', () => {
    const snap = onboarding(found, [sampleService('gateway')], { ...refused, state: 'offline' });
    const step = snap.steps.find((s) => s.key === 'gateway')!;
    expect(step.status).toBe('blocked');
    expect(step.detail).toBe('');
    expect(step.error?.message).toContain('ECONNREFUSED');
  });
});
