// Test/demo control surface. NOT part of Palyra: everything lives under /__sim/ and needs the
// admin token as a bearer, so a stray browser cannot drive it.
import { z } from 'zod';
import { apiErrors } from './api-error';
import { FAULT_KINDS } from './fault-plan';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest, SimulatorState } from './simulator-state';

const raiseBody = z.object({
  title: z.string().optional(),
  risk_level: z.enum(['low', 'medium', 'high', 'critical', 'unspecified']).optional(),
  tool_name: z.string().min(1).optional(),
  /** The tool call's input, as palyrad records it in prompt.details_json.input_json. */
  input_json: z.unknown().optional(),
  timeout_seconds: z.number().positive().optional(),
  timeout_ms: z.number().int().positive().optional(),
  count: z.number().int().min(1).max(5000).optional(),
});

const faultBody = z.object({
  next: z.enum(FAULT_KINDS),
  path: z.string().startsWith('/').optional(),
  count: z.number().int().min(1).max(10_000).optional(),
  delay_ms: z.number().int().min(0).max(600_000).optional(),
});

function requireBearer(r: RouteRequest): void {
  const expected = r.state.config.adminToken;
  const header = String(r.req.headers.authorization ?? '');
  const match = /^bearer\s+(.+)$/i.exec(header);
  if (expected !== null && match?.[1]?.trim() !== expected) {
    throw apiErrors.unauthorized('simulator control needs Authorization: Bearer <admin token>');
  }
}

/** Standalone approvals (no live run), e.g. for the inbox demo; they time out like tool approvals. */
export function raiseApprovals(state: SimulatorState, body: z.output<typeof raiseBody>): unknown[] {
  const count = body.count ?? 1;
  const timeoutMs = body.timeout_ms ?? Math.round((body.timeout_seconds ?? 60) * 1000);
  const created = [];
  for (let i = 0; i < count; i += 1) {
    created.push(
      state.approvals.create({
        context: {
          principal: state.config.boundPrincipal ?? 'admin:simulator',
          deviceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
          channel: null,
        },
        sessionId: state.ids.next(),
        runId: state.ids.next(),
        toolName: body.tool_name ?? 'palyra.process.run',
        riskLevel: body.risk_level ?? 'medium',
        ...(body.title !== undefined ? { title: body.title } : {}),
        inputJson: body.input_json ?? { command: 'echo simulated' },
        timeoutMs,
      }),
    );
  }
  return created;
}

async function raise(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  const body = await readJson(r.req, raiseBody);
  const approvals = raiseApprovals(r.state, body);
  await r.state.persist();
  return { status: 200, body: { approvals } };
}

async function decisions(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  return { status: 200, body: { decisions: r.state.approvals.decisionLog } };
}

async function armFault(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  const body = await readJson(r.req, faultBody);
  r.state.faults.add({
    kind: body.next,
    path: body.path ?? null,
    remaining: body.count ?? 1,
    delayMs: body.delay_ms ?? 5000,
  });
  return { status: 200, body: { armed: body.next } };
}

async function clearFaults(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  r.state.faults.clear();
  return { status: 200, body: { cleared: true } };
}

async function rotateCsrf(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  return { status: 200, body: { rotated: r.state.sessions.rotateCsrf() } };
}

async function revokeSessions(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  return { status: 200, body: { revoked: r.state.sessions.revokeAll() } };
}

async function stats(r: RouteRequest): Promise<Reply> {
  requireBearer(r);
  const s = r.state.stats;
  return {
    status: 200,
    body: { logins: s.logins, console_requests: s.consoleRequests, rate_limited: s.rateLimited },
  };
}

export const simControlRoutes: Route[] = [
  { method: 'POST', pattern: /^\/__sim\/approvals$/, handler: raise },
  { method: 'GET', pattern: /^\/__sim\/decisions$/, handler: decisions },
  { method: 'POST', pattern: /^\/__sim\/faults$/, handler: armFault },
  { method: 'DELETE', pattern: /^\/__sim\/faults$/, handler: clearFaults },
  { method: 'POST', pattern: /^\/__sim\/sessions\/rotate-csrf$/, handler: rotateCsrf },
  { method: 'POST', pattern: /^\/__sim\/sessions\/revoke$/, handler: revokeSessions },
  { method: 'GET', pattern: /^\/__sim\/stats$/, handler: stats },
];
