import { z } from 'zod';
import { apiErrors } from './api-error';
import { DECISION_SCOPES, type DecisionScope } from './approval-store';
import { authorize } from './auth-routes';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest } from './simulator-state';

const decisionBody = z.object({
  approved: z.boolean(),
  reason: z.string().nullish(),
  decision_scope: z.string().nullish(),
  decision_scope_ttl_ms: z.number().int().nullish(),
});

async function list(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  return { status: 200, body: r.state.approvals.list(r.url.searchParams) };
}

async function getOne(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  return { status: 200, body: { approval: r.state.approvals.get(r.params[0] ?? '') } };
}

async function decide(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const body = await readJson(r.req, decisionBody);
  // palyrad trims and lowercases the scope before checking it (approvals.rs parse_console_decision_scope).
  const scope = (body.decision_scope ?? 'once').trim().toLowerCase() || 'once';
  if (!DECISION_SCOPES.includes(scope as DecisionScope)) {
    throw apiErrors.invalid(`unsupported decision_scope: ${scope}`, 'decision_scope');
  }
  const reason = body.reason?.trim() || (body.approved ? 'approved_by_console' : 'denied_by_console');
  const approval = r.state.approvals.decide(r.params[0] ?? '', {
    approved: body.approved,
    reason,
    scope: scope as DecisionScope,
    ttlMs: body.decision_scope_ttl_ms ?? null,
  });
  await r.state.persist();
  return { status: 200, body: { approval, dm_pairing: null } };
}

export const approvalRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/approvals$/, handler: list },
  { method: 'GET', pattern: /^\/console\/v1\/approvals\/([^/]+)$/, handler: getOne },
  { method: 'POST', pattern: /^\/console\/v1\/approvals\/([^/]+)\/decision$/, handler: decide },
];
