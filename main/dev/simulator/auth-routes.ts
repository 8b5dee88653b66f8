import { z } from 'zod';
import { apiErrors } from './api-error';
import { checkCsrf, CSRF_HEADER, sessionCookie, sessionJson, type ConsoleSession } from './console-sessions';
import { consumeLocation, validateRedirectPath } from './handoff-store';
import { readJson, SECURITY_HEADERS } from './http-io';
import type { Reply, Route, RouteRequest } from './simulator-state';
import { isUlid } from './ulid';

const loginBody = z.object({
  admin_token: z.string().nullish(),
  principal: z.string(),
  device_id: z.string(),
  channel: z.string().nullish(),
});

/** Console session for a request, CSRF-checked for mutations, cookie refreshed on success. */
export function authorize(r: RouteRequest, opts: { csrf: boolean }): ConsoleSession {
  const session = r.state.sessions.authorize(r.req.headers.cookie);
  if (opts.csrf) checkCsrf(session, r.req.headers[CSRF_HEADER]);
  const cookie = /palyra_console_session=([^;]+)/.exec(r.req.headers.cookie ?? '')?.[1];
  if (cookie) r.res.setHeader('set-cookie', sessionCookie(cookie, ttlSeconds(r), isForwardedHttps(r)));
  return session;
}

function ttlSeconds(r: RouteRequest): number {
  return Math.max(1, Math.ceil(r.state.sessions.ttl / 1000));
}

function isForwardedHttps(r: RouteRequest): boolean {
  return String(r.req.headers['x-forwarded-proto'] ?? '').toLowerCase() === 'https';
}

function openSession(
  r: RouteRequest,
  context: Parameters<RouteRequest['state']['sessions']['open']>[0],
): Reply {
  const { cookieValue, session } = r.state.sessions.open(context);
  return {
    status: 200,
    body: sessionJson(session),
    headers: { 'set-cookie': sessionCookie(cookieValue, ttlSeconds(r), isForwardedHttps(r)) },
  };
}

async function login(r: RouteRequest): Promise<Reply> {
  const body = await readJson(r.req, loginBody);
  const { config } = r.state;
  // Check order follows handlers/console/auth.rs:19-111.
  if (body.principal.trim() === '') throw apiErrors.invalid('principal is required', 'principal');
  if (!body.principal.startsWith('admin:'))
    throw apiErrors.forbidden('console login requires an admin principal');
  if (body.device_id.trim() === '') throw apiErrors.invalid('device_id is required', 'device_id');
  if (config.requireAuth && config.boundPrincipal === null) {
    throw apiErrors.precondition('console login requires admin.bound_principal when admin auth is enabled');
  }
  const principal = config.boundPrincipal ?? body.principal;
  if (!principal.startsWith('admin:'))
    throw apiErrors.forbidden('bound principal must be an admin principal');
  if (config.requireAuth) {
    if (body.admin_token === '') throw apiErrors.invalid('admin_token must not be empty', 'admin_token');
    if (!body.admin_token || body.admin_token !== config.adminToken) {
      throw apiErrors.unauthorized('missing or invalid admin token');
    }
  }
  if (!isUlid(body.device_id)) throw apiErrors.invalid('device_id must be a ULID', 'device_id');
  r.state.stats.logins += 1;
  return openSession(r, { principal, deviceId: body.device_id, channel: body.channel ?? null });
}

async function currentSession(r: RouteRequest): Promise<Reply> {
  return { status: 200, body: sessionJson(authorize(r, { csrf: false })) };
}

async function logout(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  r.state.sessions.close(r.req.headers.cookie);
  return {
    status: 200,
    body: { signed_out: true },
    headers: { 'set-cookie': 'palyra_console_session=deleted; Max-Age=0; Path=/; HttpOnly; SameSite=Lax' },
  };
}

const handoffBody = z.object({ redirect_path: z.string().nullish() });

async function mintHandoff(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: true });
  const body = await readJson(r.req, handoffBody);
  // palyrad trims it and takes its default for a missing or blank one (auth.rs).
  const redirectPath = body.redirect_path?.trim() || '/#/control/overview';
  validateRedirectPath(redirectPath);
  const { token, expiresAtMs } = r.state.handoffs.mint(session, redirectPath);
  const host = r.state.faults.take(r.url.pathname, (k) => k === 'foreign_handoff_origin')
    ? 'evil.example'
    : '127.0.0.1';
  return {
    status: 200,
    body: {
      handoff_url: `http://${host}:${r.state.config.port}/console/v1/auth/browser-handoff/consume?token=${token}`,
      expires_at_unix_ms: expiresAtMs,
    },
  };
}

async function consumeHandoff(r: RouteRequest): Promise<Reply | null> {
  const token = r.url.searchParams.get('token') ?? '';
  const grant = r.state.handoffs.peek(token);
  r.res.writeHead(303, { ...SECURITY_HEADERS, location: consumeLocation(grant.redirectPath, token) });
  r.res.end();
  return null;
}

async function handoffSession(r: RouteRequest): Promise<Reply> {
  const body = await readJson(r.req, z.object({ token: z.string() }));
  const grant = r.state.handoffs.consume(body.token.trim());
  return openSession(r, grant.context);
}

export const authRoutes: Route[] = [
  { method: 'POST', pattern: /^\/console\/v1\/auth\/login$/, handler: login },
  { method: 'GET', pattern: /^\/console\/v1\/auth\/session$/, handler: currentSession },
  { method: 'POST', pattern: /^\/console\/v1\/auth\/logout$/, handler: logout },
  { method: 'POST', pattern: /^\/console\/v1\/auth\/browser-handoff$/, handler: mintHandoff },
  { method: 'GET', pattern: /^\/console\/v1\/auth\/browser-handoff\/consume$/, handler: consumeHandoff },
  { method: 'POST', pattern: /^\/console\/v1\/auth\/browser-handoff\/session$/, handler: handoffSession },
];
