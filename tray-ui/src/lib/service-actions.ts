// Which lifecycle buttons make sense in which state (the supervisor would refuse or no-op the rest).
import type { ServiceSnapshot } from '../../../main/contract/model';

export interface ServiceActions {
  start: boolean;
  stop: boolean;
  restart: boolean;
  retry: boolean;
}

export function serviceActions(s: Pick<ServiceSnapshot, 'state' | 'desired'>): ServiceActions {
  const stuck = s.state === 'crash-looping' || s.state === 'failed';
  return {
    start: s.state === 'stopped',
    stop: s.state === 'starting' || s.state === 'running' || s.state === 'backoff' || (stuck && s.desired),
    restart: s.state === 'running' || s.state === 'backoff',
    retry: stuck,
  };
}
