// NodeHostLifecycle with fake parts: the pairing window opens only when palyrad refuses the TLS
// handshake of a node without a certificate, and always closes again; the pairing request of our
// device (not another's) is approved with Palyra's reasons; states and actions follow the status.
import { describe, expect, it } from 'vitest';
import type { NodeHostPairing } from '../../../main/contract/model';
import { NodeHostLifecycle } from '../../../main/core/companion/node-host-lifecycle';
import type { NodeCli, NodeLifecycle } from '../../../main/core/companion/node-cli';
import type { NodePairingApi, PairingRequest } from '../../../main/core/companion/node-pairing-api';
import { CompanionError } from '../../../main/core/errors';

const MTLS_REFUSAL =
  'palyra node install exited with 4: failed to begin node pairing session: transport error: connection closed.';

function status(over: Partial<NodeLifecycle> = {}): NodeLifecycle {
  return {
    action: 'status',
    installed: false,
    paired: false,
    running: false,
    device_id: null,
    grpc_url: null,
    cert_expires_at_unix_ms: null,
    detail: 'node host status snapshot',
    ...over,
  };
}

function harness(options: { installFailures?: string[] } = {}) {
  const events: string[] = [];
  const failures = [...(options.installFailures ?? [])];
  let current = status();
  let pending: PairingRequest[] = [];
  const published: NodeHostPairing[] = [];
  const cli = {
    available: true,
    status: async () => current,
    uninstall: async () => {
      events.push('uninstall');
      current = status();
      return status({ action: 'uninstall', detail: 'removed' });
    },
    install: async (input: { deviceId: string; grpcUrl: string; pairingCode: string }) => {
      events.push(`install ${input.pairingCode} ${input.grpcUrl}`);
      const failure = failures.shift();
      if (failure) throw new CompanionError('node_cli_failed', failure, 'hint');
      pending = [
        {
          request_id: 'R-OTHER',
          device_id: 'SOMEONE-ELSE',
          client_kind: 'node',
          state: 'pending_approval',
          approval_id: 'A0',
        },
        {
          request_id: 'R-OURS',
          device_id: input.deviceId,
          client_kind: 'node',
          state: 'pending_approval',
          approval_id: 'A1',
        },
      ];
      while (!events.some((e) => e.startsWith('approve'))) await new Promise((r) => setTimeout(r, 5));
      current = status({ installed: true, paired: true, device_id: input.deviceId, grpc_url: input.grpcUrl });
      return { ...current, action: 'install', detail: 'node host configuration installed' };
    },
  } as unknown as NodeCli;
  let codes = 0;
  const api = {
    mintPinCode: async () => `code-${++codes}`,
    pendingNodeRequests: async () => pending,
    approve: async (requestId: string, reason: string) => {
      events.push(`approve ${requestId} ${reason}`);
      return pending.find((p) => p.request_id === requestId)!;
    },
  } as unknown as NodePairingApi;
  const lifecycle = new NodeHostLifecycle({
    cli: () => cli,
    api,
    nodeRpcUrl: () => 'https://127.0.0.1:7444',
    isLocal: () => true,
    gatewayRunning: () => true,
    startNodeHost: async () => void events.push('start nodehost'),
    stopNodeHost: async () => void events.push('stop nodehost'),
    recentNodeHostLines: () => [],
    openPairingWindow: async () => {
      events.push('window open');
      return async () => void events.push('window closed');
    },
    onChange: (p) => published.push(p),
    log: () => undefined,
    pollIntervalMs: 5,
  });
  return { lifecycle, events, published };
}

describe('NodeHostLifecycle', () => {
  it('enrolls without a pairing window when the gateway accepts the pairing, approving only our device', async () => {
    const { lifecycle, events, published } = harness();
    await lifecycle.refresh();
    expect(lifecycle.view()).toMatchObject({ state: 'not_paired', actions: ['enroll'] });
    await lifecycle.enroll();
    expect(events).toEqual([
      'install code-1 https://127.0.0.1:7444',
      'approve R-OURS desktop_control_center_enroll',
      'start nodehost',
    ]);
    expect(published.some((p) => p.state === 'pending' && p.busy === 'enroll')).toBe(true);
    expect(lifecycle.view()).toMatchObject({ state: 'paired', actions: ['repair', 'reset'], busy: null });
  });

  it('opens the pairing window only after the mTLS refusal, with a fresh code, and closes it after', async () => {
    const { lifecycle, events } = harness({ installFailures: [MTLS_REFUSAL] });
    await lifecycle.enroll();
    expect(events).toEqual([
      'install code-1 https://127.0.0.1:7444',
      'window open',
      'install code-2 https://127.0.0.1:7444',
      'approve R-OURS desktop_control_center_enroll',
      'window closed',
      'start nodehost',
    ]);
  });

  it('closes the pairing window even when pairing fails inside it, and shows the failure', async () => {
    const { lifecycle, events } = harness({
      installFailures: [MTLS_REFUSAL, 'node pairing request was rejected'],
    });
    await expect(lifecycle.enroll()).rejects.toThrow(/rejected/);
    expect(events).toEqual([
      'install code-1 https://127.0.0.1:7444',
      'window open',
      'install code-2 https://127.0.0.1:7444',
      'window closed',
    ]);
    expect(lifecycle.view()).toMatchObject({
      state: 'not_paired',
      error: { message: expect.stringMatching(/rejected/) },
    });
  });

  it('repair uninstalls first and re-enrolls the same device; reset stops and uninstalls', async () => {
    const { lifecycle, events } = harness();
    await lifecycle.enroll();
    const deviceId = lifecycle.view().deviceId;
    events.length = 0;
    await lifecycle.repair();
    expect(events[0]).toBe('stop nodehost');
    expect(events[1]).toBe('uninstall');
    expect(events).toContain('approve R-OURS desktop_control_center_repair_enroll');
    expect(lifecycle.view().deviceId).toBe(deviceId);
    events.length = 0;
    await lifecycle.reset();
    expect(events).toEqual(['stop nodehost', 'uninstall']);
    expect(lifecycle.view().state).toBe('not_paired');
  });
});
