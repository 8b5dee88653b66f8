// palyrad's console pairing routes (handlers/console/pairing.rs): list codes and requests, mint a
// code (CSRF), approve or reject a request (CSRF). Contract envelope as palyrad sends it.
import { z } from 'zod';
import { authorize } from './auth-routes';
import { readJson } from './http-io';
import { pairingStoreFor } from './pairing-store';
import type { Reply, Route, RouteRequest } from './simulator-state';
import { apiErrors } from './api-error';
import { isUlid } from './ulid';

const CONTRACT = { contract_version: 'control-plane.v1' };

const mintBody = z.object({
  method: z.enum(['pin', 'qr']),
  issued_by: z.string().nullish(),
  ttl_ms: z.number().int().nullish(),
});

const decisionBody = z.object({
  reason: z.string().nullish(),
  decision_scope: z.string().nullish(),
  decision_scope_ttl_ms: z.number().int().nullish(),
});

async function list(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const store = pairingStoreFor(r.state);
  const q = r.url.searchParams;
  const limit = Math.min(500, Math.max(1, Number(q.get('limit') ?? 100) || 100));
  const state = q.get('state') ?? q.get('status') ?? undefined;
  const clientKind = q.get('client_kind') ?? undefined;
  const requests = store
    .listRequests({
      ...(state ? { state: state.trim() } : {}),
      ...(clientKind ? { clientKind: clientKind.trim() } : {}),
    })
    .slice(0, limit);
  return {
    status: 200,
    body: {
      contract: CONTRACT,
      codes: store.listCodes(),
      requests,
      page: { limit, returned: requests.length, has_more: false },
    },
  };
}

async function mint(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: true });
  const body = await readJson(r.req, mintBody);
  const code = pairingStoreFor(r.state).mintCode(
    body.method,
    body.issued_by ?? session.principal,
    body.ttl_ms ?? null,
  );
  return { status: 200, body: { contract: CONTRACT, code } };
}

function decide(approved: boolean) {
  return async (r: RouteRequest): Promise<Reply> => {
    authorize(r, { csrf: true });
    const requestId = r.params[0] ?? '';
    if (!isUlid(requestId)) throw apiErrors.invalid('request_id must be a canonical ULID', 'request_id');
    const body = await readJson(r.req, decisionBody);
    const reason = body.reason?.trim() || (approved ? 'approved_by_operator' : 'rejected_by_operator');
    const request = pairingStoreFor(r.state).decide(requestId, approved, reason);
    return { status: 200, body: { contract: CONTRACT, request } };
  };
}

export const pairingRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/pairing\/requests$/, handler: list },
  { method: 'POST', pattern: /^\/console\/v1\/pairing\/requests\/code$/, handler: mint },
  { method: 'POST', pattern: /^\/console\/v1\/pairing\/requests\/([^/]+)\/approve$/, handler: decide(true) },
  { method: 'POST', pattern: /^\/console\/v1\/pairing\/requests\/([^/]+)\/reject$/, handler: decide(false) },
];
