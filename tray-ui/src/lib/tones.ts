// Colour tone + words for states, so colour is never the only signal.
import type { CompanionSnapshot, OverallStatus, RiskLevel, ServiceState } from '../../../main/contract/model';

export type Tone = 'ok' | 'warn' | 'bad' | 'crit' | 'neutral';

export const serviceStateLabel: Record<ServiceState, string> = {
  stopped: 'Stopped',
  starting: 'Starting…',
  running: 'Running',
  stopping: 'Stopping…',
  backoff: 'Restarting soon',
  'crash-looping': 'Crash-looping',
  failed: 'Failed',
};

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

export const overallLabel: Record<OverallStatus, string> = {
  healthy: 'All services healthy',
  starting: 'Starting…',
  partial: 'Some services stopped',
  degraded: 'Degraded',
  down: 'Down',
  'crash-looping': 'Crash-looping',
  stopped: 'Stopped',
};

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
    return { status: snapshot.overall, text: 'Palyra not installed', tone: 'warn' };
  if (snapshot.overall === 'partial') {
    const stopped = snapshot.services.filter(
      (s) => !s.desired && (s.kind === 'gateway' || s.kind === 'browserd'),
    );
    if (stopped.length === 1) {
      return { status: 'partial', text: `${stopped[0]!.displayName} stopped`, tone: 'warn' };
    }
  }
  return {
    status: snapshot.overall,
    text: overallLabel[snapshot.overall],
    tone: overallTone(snapshot.overall),
  };
}

export const riskLabel: Record<RiskLevel, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
  critical: 'Critical risk',
  unspecified: 'Risk not stated',
};

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
