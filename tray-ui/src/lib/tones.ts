// Colour tone + words for states, so colour is never the only signal.
import type { OverallStatus, RiskLevel, ServiceState } from '../../../main/contract/model';

export type Tone = 'ok' | 'warn' | 'bad' | 'crit' | 'neutral';

export const serviceStateLabel: Record<ServiceState, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  backoff: 'Restarting soon',
  'crash-looping': 'Crash-looping',
  failed: 'Failed',
};

export function serviceTone(state: ServiceState): Tone {
  switch (state) {
    case 'running':
      return 'ok';
    case 'starting':
    case 'stopping':
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
  degraded: 'Degraded',
  down: 'Down',
  'crash-looping': 'Crash-looping',
  stopped: 'Stopped',
};

export function overallTone(status: OverallStatus): Tone {
  return status === 'healthy'
    ? 'ok'
    : status === 'degraded'
      ? 'warn'
      : status === 'stopped'
        ? 'neutral'
        : 'bad';
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
