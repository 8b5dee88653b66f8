// Words for enum values of the contract that several views show.
import type { ConnectionSnapshot } from '../../../../main/contract/model';
import { hasKey, t } from './translate.svelte';

export function linkStateLabel(state: ConnectionSnapshot['state']): string {
  const key = `health.link.${state}`;
  return hasKey(key) ? t(key) : state;
}

/** "Gateway (palyrad)"; an extra sidecar keeps its own name. */
export function binaryLabel(service: string): string {
  const key = `health.binary.${service}`;
  return hasKey(key) ? t(key) : service;
}
