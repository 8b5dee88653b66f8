// palyrad requires mTLS on its node RPC listener (identity.allow_insecure_node_rpc_without_mtls
// defaults to false), and tonic then refuses any TLS client without a certificate — including a
// node that is pairing to get one. Palyra's own desktop never works around this, so its Enroll
// fails against a default palyrad. The companion opens a short pairing window instead: restart
// the (loopback-only) gateway with mTLS optional, pair, restart it with mTLS required again.
import type { ServiceSnapshot } from '../../contract/model';
import { CompanionError } from '../errors';
import type { Supervisor } from '../supervisor';

export const MTLS_OPTIONAL_ENV = 'PALYRA_ALLOW_INSECURE_NODE_RPC_WITHOUT_MTLS';

export interface PairingWindowDeps {
  supervisor: Supervisor;
  /** The gateway spec's environment (the object the supervisor spawns palyrad with). */
  gatewayEnv: Record<string, string>;
  timeoutMs?: number;
}

export async function openPairingWindow(deps: PairingWindowDeps): Promise<() => Promise<void>> {
  deps.gatewayEnv[MTLS_OPTIONAL_ENV] = 'true';
  try {
    await restartGateway(deps);
  } catch (err) {
    delete deps.gatewayEnv[MTLS_OPTIONAL_ENV];
    await restartGateway(deps).catch(() => undefined);
    throw err;
  }
  return async () => {
    delete deps.gatewayEnv[MTLS_OPTIONAL_ENV];
    await restartGateway(deps);
  };
}

async function restartGateway(deps: PairingWindowDeps): Promise<void> {
  await deps.supervisor.restart('gateway');
  await waitForHealthyGateway(deps.supervisor, deps.timeoutMs ?? 60_000);
}

export function waitForHealthyGateway(supervisor: Supervisor, timeoutMs: number): Promise<void> {
  const healthy = (s: ServiceSnapshot | undefined) => s?.state === 'running' && s.health === 'healthy';
  const gateway = () => supervisor.snapshot().find((s) => s.kind === 'gateway');
  if (healthy(gateway())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new CompanionError(
          'gateway_not_healthy',
          `The gateway did not become healthy within ${Math.round(timeoutMs / 1000)} s.`,
          'Check the palyrad log in the companion, then try again.',
        ),
      );
    }, timeoutMs);
    const off = supervisor.on('service', (svc) => {
      if (svc.kind !== 'gateway') return;
      if (healthy(svc)) {
        clearTimeout(timer);
        off();
        resolve();
      } else if (svc.state === 'failed' || svc.state === 'crash-looping') {
        clearTimeout(timer);
        off();
        reject(
          new CompanionError(
            'gateway_not_healthy',
            `The gateway did not come back (${svc.error?.message ?? svc.state}).`,
            'Check the palyrad log in the companion, then press Retry on it.',
          ),
        );
      }
    });
  });
}
