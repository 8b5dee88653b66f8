import { z } from 'zod';
import { apiErrors } from './api-error';
import { authorize } from './auth-routes';
import { streamChatRun } from './chat-run';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest } from './simulator-state';
import { isUlid } from './ulid';

const resolveBody = z.object({
  session_id: z.string().optional(),
  session_key: z.string().optional(),
  session_label: z.string().optional(),
  require_existing: z.boolean().optional(),
  reset_session: z.boolean().optional(),
});

const streamBody = z
  .object({
    text: z.string(),
    session_label: z.string().nullish(),
    allow_sensitive_tools: z.boolean().nullish(),
    origin_kind: z.string().nullish(),
  })
  .passthrough();

async function catalog(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: false });
  const pending = new Map<string, number>();
  const listing = r.state.approvals.list(new URLSearchParams({ limit: '500' })) as {
    approvals: { session_id: string; decision?: string }[];
  };
  for (const a of listing.approvals) {
    if (a.decision === undefined) pending.set(a.session_id, (pending.get(a.session_id) ?? 0) + 1);
  }
  return { status: 200, body: r.state.chats.catalog(session, r.url.searchParams, pending) };
}

/** GET /console/v1/chat/sessions: the caller's sessions by session key, `after_session_key` cursor. */
async function listChatSessions(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: false });
  return { status: 200, body: r.state.chats.listByKey(session, r.url.searchParams) };
}

async function resolveSession(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: true });
  const body = await readJson(r.req, resolveBody);
  const resolved = r.state.chats.resolve(session, body);
  await r.state.persist();
  return { status: 200, body: resolved };
}

async function transcript(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: false });
  return { status: 200, body: r.state.chats.transcript(session, r.params[0] ?? '') };
}

async function streamMessage(r: RouteRequest): Promise<Reply | null> {
  const session = authorize(r, { csrf: true });
  const sessionId = r.params[0] ?? '';
  if (!isUlid(sessionId)) throw apiErrors.invalid('session_id must be a ULID', 'session_id');
  const body = await readJson(r.req, streamBody);
  if (body.text.trim() === '') throw apiErrors.invalid('text must not be empty', 'text');
  const fault = r.state.faults.take(r.url.pathname, (k) =>
    ['slow', 'bad_json', 'wrong_schema', 'close_mid_stream'].includes(k),
  );
  const { config } = r.state;
  await streamChatRun(
    r.res,
    {
      chats: r.state.chats,
      approvals: r.state.approvals,
      ids: r.state.ids,
      log: r.state.log,
      tokenDelayMs: config.tokenDelayMs,
      approvalTimeoutMs: config.approvalTimeoutMs,
      persist: () => r.state.persist(),
    },
    { context: session, sessionId, text: body.text, originKind: body.origin_kind ?? '', fault },
  );
  return null;
}

export const chatRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/sessions$/, handler: catalog },
  { method: 'GET', pattern: /^\/console\/v1\/chat\/sessions$/, handler: listChatSessions },
  { method: 'POST', pattern: /^\/console\/v1\/chat\/sessions$/, handler: resolveSession },
  { method: 'GET', pattern: /^\/console\/v1\/chat\/sessions\/([^/]+)\/transcript$/, handler: transcript },
  {
    method: 'POST',
    pattern: /^\/console\/v1\/chat\/sessions\/([^/]+)\/messages\/stream$/,
    handler: streamMessage,
  },
];
