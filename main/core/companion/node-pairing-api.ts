// palyrad's console pairing routes (handlers/console/pairing.rs), through the gateway client's
// console transport (session cookie, CSRF on POST, one re-login on 401/403).
import { z } from 'zod';
import type { GatewayClient } from '../gateway';
import { DESKTOP_PRINCIPAL } from '../gateway/console-transport';

const pairingCodeSchema = z.object({
  code: z.object({
    code: z.string().min(1),
    method: z.string(),
    issued_by: z.string(),
    expires_at_unix_ms: z.number(),
  }),
});

const pairingRequestSchema = z.object({
  request_id: z.string(),
  device_id: z.string(),
  client_kind: z.string(),
  state: z.string(),
  approval_id: z.string(),
});
export type PairingRequest = z.output<typeof pairingRequestSchema>;

const pairingListSchema = z.object({ requests: z.array(pairingRequestSchema) });
const pairingEnvelopeSchema = z.object({ request: pairingRequestSchema });

/** Palyra's desktop mints codes valid for ten minutes. */
const CODE_TTL_MS = 10 * 60 * 1000;

export class NodePairingApi {
  constructor(private readonly client: GatewayClient) {}

  async mintPinCode(): Promise<string> {
    const reply = await this.client.transport.json(
      'POST',
      '/console/v1/pairing/requests/code',
      pairingCodeSchema,
      { auth: true, body: { method: 'pin', issued_by: DESKTOP_PRINCIPAL, ttl_ms: CODE_TTL_MS } },
    );
    return reply.code.code;
  }

  async pendingNodeRequests(): Promise<PairingRequest[]> {
    const reply = await this.client.transport.json(
      'GET',
      '/console/v1/pairing/requests?client_kind=node&state=pending_approval',
      pairingListSchema,
      { auth: true },
    );
    return reply.requests;
  }

  async approve(requestId: string, reason: string): Promise<PairingRequest> {
    const reply = await this.client.transport.json(
      'POST',
      `/console/v1/pairing/requests/${encodeURIComponent(requestId)}/approve`,
      pairingEnvelopeSchema,
      { auth: true, body: { reason } },
    );
    return reply.request;
  }
}
