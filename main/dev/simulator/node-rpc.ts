// Stand-in for palyrad's node RPC listener (gRPC port + 1): the simulated `palyra node` CLI opens
// its pairing request here with a PIN code, polls it until the operator decides, and registers
// with the certificate it was issued. JSON over loopback HTTP instead of gRPC over mTLS; the
// states and rules are palyrad's (a code is used once, a revoked device is refused).
import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { readJson, sendFailure, sendJson } from './http-io';
import { apiErrors } from './api-error';
import { pairingStoreFor } from './pairing-store';
import type { SimulatorState } from './simulator-state';

const beginBody = z.object({
  code: z.string().min(1),
  device_id: z.string().min(1),
  client_kind: z.string(),
});
const registerBody = z.object({ device_id: z.string().min(1), certificate: z.string().min(1) });

export function createNodeRpcServer(state: SimulatorState): Server {
  const store = pairingStoreFor(state);
  return createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.method === 'POST' && path === '/node/v1/pairing') {
        const body = await readJson(req, beginBody);
        const request = store.openRequest({
          code: body.code,
          deviceId: body.device_id,
          clientKind: body.client_kind,
        });
        state.log.info('node pairing request opened', {
          request_id: request.request_id,
          device_id: body.device_id,
        });
        sendJson(res, 200, { request_id: request.request_id, state: request.state });
        return;
      }
      const poll = /^\/node\/v1\/pairing\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && poll) {
        const request = store.get(poll[1] ?? '');
        sendJson(res, 200, {
          state: request.state,
          certificate: request.state === 'approved' ? request.request_id : null,
          cert_expires_at_unix_ms: request.cert_expires_at_unix_ms ?? null,
        });
        return;
      }
      if (req.method === 'POST' && path === '/node/v1/register') {
        const body = await readJson(req, registerBody);
        if (store.certificateFor(body.device_id) !== body.certificate)
          throw apiErrors.forbidden('node registration failed: device certificate is not recognised');
        sendJson(res, 200, { accepted: true });
        return;
      }
      throw apiErrors.notFound(`no node RPC ${req.method ?? ''} ${path}`);
    })().catch((err: unknown) => sendFailure(res, err));
  });
}
