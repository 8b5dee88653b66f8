// Colour tone + words for states, so colour is never the only signal.
import type { CompanionSnapshot, OverallStatus, RiskLevel, ServiceState } from '../../../main/contract/model';
import { t, type MessageKey } from './i18n';

export type Tone = 'ok' | 'warn' | 'bad' | 'crit' | 'neutral';

const serviceStateKey: Record<ServiceState, MessageKey> = {
  stopped: 'health.state.stopped',
  starting: 'health.state.starting',
  running: 'health.state.running',
  stopping: 'health.state.stopping',
  backoff: 'health.state.backoff',
  'crash-looping': 'health.state.crashLooping',
  failed: 'health.state.failed',
};

export function serviceStateLabel(state: ServiceState): string {
  return t(serviceStateKey[state]);
}

export function serviceTone(state: ServiceState): Tone {
  switch (state) {
    case 'running':
      return 'ok';
    case 'backoff':
      return 'warn';
    case 'crash-looping':
    case 'failed':
      return 'bad';
    default:
      return 'neutral';
  }
}

const overallKey: Record<OverallStatus, MessageKey> = {
  healthy: 'health.overall.healthy',
  starting: 'health.overall.starting',
  partial: 'health.overall.partial',
  degraded: 'health.overall.degraded',
  down: 'health.overall.down',
  'crash-looping': 'health.overall.crashLooping',
  stopped: 'health.overall.stopped',
};

export function overallLabel(status: OverallStatus): string {
  return t(overallKey[status]);
}

export function overallTone(status: OverallStatus): Tone {
  switch (status) {
    case 'healthy':
      return 'ok';
    case 'degraded':
    case 'partial':
      return 'warn';
    case 'starting':
    case 'stopped':
      return 'neutral';
    default:
      return 'bad';
  }
}

/**
 * The header's words for core's overall status, with names where they help: which service is
 * stopped, or that Palyra is not installed at all (then nothing else matters yet).
 */
export function overallHeadline(snapshot: CompanionSnapshot): {
  status: OverallStatus;
  text: string;
  tone: Tone;
} {
  const missing = snapshot.onboarding.binaries.some(
    (b) => !b.found && (b.service === 'gateway' || b.service === 'browserd'),
  );
  if (missing && !snapshot.demo)
    return { status: snapshot.overall, text: t('health.overall.notInstalled'), tone: 'warn' };
  if (snapshot.overall === 'partial') {
    const stopped = snapshot.services.filter(
      (s) => !s.desired && (s.kind === 'gateway' || s.kind === 'browserd'),
    );
    if (stopped.length === 1) {
      return {
        status: 'partial',
        text: t('health.overall.oneStopped', { name: stopped[0]!.displayName }),
        tone: 'warn',
      };
    }
  }
  return {
    status: snapshot.overall,
    text: overallLabel(snapshot.overall),
    tone: overallTone(snapshot.overall),
  };
}

const riskKey: Record<RiskLevel, MessageKey> = {
  low: 'approvals.risk.low',
  medium: 'approvals.risk.medium',
  high: 'approvals.risk.high',
  critical: 'approvals.risk.critical',
  unspecified: 'approvals.risk.unspecified',
};

export function riskLabel(risk: RiskLevel): string {
  return t(riskKey[risk]);
}

export function riskTone(risk: RiskLevel): Tone {
  return risk === 'low'
    ? 'ok'
    : risk === 'medium'
      ? 'warn'
      : risk === 'high'
        ? 'bad'
        : risk === 'critical'
          ? 'crit'
          : 'neutral';
}
