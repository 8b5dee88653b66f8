// POST /api/call {name, params} with `Authorization: Bearer <token>`: the same dispatch as the
// WebSocket, for scripts and tests. Status: 200 ok, 400 malformed request / invalid params /
// unknown call, 401 bad token, 403 foreign origin, 405 not POST, 415 not JSON, 422 the call ran
// and failed (the body says why and what to do).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatchCall, type CompanionCore } from '../contract/dispatch';
import { bearerToken, type HostToken } from './host-token';
import type { HostLog } from './host-log';
import { BodyError, readJsonBody } from './json-body';
import { sendError, sendJson } from './http-responses';
import type { LoopbackPolicy } from './loopback-policy';

export interface ApiRouteDeps {
  core: CompanionCore;
  policy: LoopbackPolicy;
  token: HostToken;
  log: HostLog;
  maxBodyBytes: number;
}

const CLIENT_ERROR_CODES = new Set(['invalid_params', 'unknown_call']);

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  { core, policy, token, log, maxBodyBytes }: ApiRouteDeps,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, {
      code: 'method_not_allowed',
      message: '/api/call only accepts POST.',
      hint: 'POST {"name", "params"} as JSON.',
    });
    return;
  }
  const origin = req.headers.origin;
  if (
    (origin !== undefined && !policy.isAllowedOrigin(origin)) ||
    req.headers['sec-fetch-site'] === 'cross-site'
  ) {
    log('warn', `refused /api/call from origin ${JSON.stringify(origin ?? '')}`);
    sendError(res, 403, {
      code: 'origin_rejected',
      message: 'Calls are only accepted from the companion page itself.',
      hint: 'Open the companion at the address it printed.',
    });
    return;
  }
  if (!token.matches(bearerToken(req.headers.authorization))) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    sendError(res, 401, {
      code: 'unauthorized',
      message: 'The companion token is missing or wrong.',
      hint: 'Send the token printed at startup as `Authorization: Bearer <token>`.',
    });
    return;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    // Also shuts out HTML forms, which cannot send application/json cross-site without CORS.
    res.setHeader('Connection', 'close');
    sendError(res, 415, {
      code: 'unsupported_media_type',
      message: 'POST /api/call only accepts application/json.',
      hint: 'Send the request with Content-Type: application/json.',
    });
    return;
  }
  let body: unknown;
  try {
    body = await readJsonBody(req, maxBodyBytes);
  } catch (err) {
    const failure =
      err instanceof BodyError
        ? err
        : new BodyError(400, { code: 'invalid_body', message: String(err), hint: 'Retry the request.' });
    res.setHeader('Connection', 'close');
    sendError(res, failure.status, failure.error);
    return;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendError(res, 400, {
      code: 'invalid_body',
      message: 'The request body must be a JSON object {"name", "params"}.',
      hint: 'Send {"name": "<call>", "params": {…}}.',
    });
    return;
  }
  const request = body as Record<string, unknown>;
  const own = (key: string): unknown =>
    Object.prototype.hasOwnProperty.call(request, key) ? request[key] : undefined;
  const reply = await dispatchCall(core.handlers, own('name'), own('params'));
  let status = 200;
  if (!reply.ok) status = CLIENT_ERROR_CODES.has(reply.error.code) ? 400 : 422;
  try {
    sendJson(res, status, reply);
  } catch (err) {
    sendError(res, 500, {
      code: 'internal_error',
      message: `The result could not be serialised: ${String(err)}`,
      hint: 'See the companion log for details.',
    });
  }
}
