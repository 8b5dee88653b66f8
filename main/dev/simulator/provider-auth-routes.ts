// palyrad's OpenAI provider auth routes (handlers/console/auth.rs → openai_surface.rs) and the
// auth profile registry they write to. Like palyrad, the API key is checked with a GET of
// `<base_url>/models` (PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL, else api.openai.com) and then only a
// vault reference is kept: the simulator never stores the key. In demo mode with no base URL set,
// the demo's own stand-in for OpenAI accepts keys shaped like OpenAI's (sk-…, 20+ characters).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError, apiErrors } from './api-error';
import { authorize } from './auth-routes';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest, SimulatorState } from './simulator-state';

const CONTRACT = { contract_version: 'control-plane.v1' };
const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
const VALIDATION_TIMEOUT_MS = 10_000;
const VALIDATION_ATTEMPTS = 3;
const OAUTH_TTL_MS = 10 * 60_000;

const scopeBody = z.object({ kind: z.string(), agent_id: z.string().nullish() }).passthrough();
const apiKeyBody = z
  .object({
    profile_id: z.string().nullish(),
    profile_name: z.string(),
    scope: scopeBody,
    api_key: z.string(),
    set_default: z.boolean().default(false),
  })
  .passthrough();
const bootstrapBody = z
  .object({
    profile_id: z.string().nullish(),
    profile_name: z.string().nullish(),
    scope: scopeBody.nullish(),
    client_id: z.string().nullish(),
    client_secret: z.string().nullish(),
    scopes: z.array(z.string()).default([]),
    set_default: z.boolean().default(false),
  })
  .passthrough();

interface Profile {
  profile_id: string;
  provider: { kind: string };
  profile_name: string;
  scope: { kind: string; agent_id?: string };
  credential: { type: 'api_key'; api_key_vault_ref: string };
  created_at_unix_ms: number;
  updated_at_unix_ms: number;
}

interface Attempt {
  attemptId: string;
  profileId: string;
  expiresAtMs: number;
}

interface Registry {
  profiles: Map<string, Profile>;
  defaultProfileId: string | null;
  attempts: Map<string, Attempt>;
}

const registries = new WeakMap<SimulatorState, Registry>();

function registry(state: SimulatorState): Registry {
  let found = registries.get(state);
  if (!found) {
    found = { profiles: new Map(), defaultProfileId: null, attempts: new Map() };
    registries.set(state, found);
  }
  return found;
}

/** validation_error_response(field, code, message): 400 with one validation issue. */
function fieldError(field: string, code: string, message: string): ApiError {
  return new ApiError(400, 'validation_error', 'validation', false, message, [{ field, code, message }]);
}

function identifier(raw: string, field: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw fieldError(field, 'required', `${field} is required`);
  if (trimmed.length > 128) throw fieldError(field, 'too_long', `${field} exceeds max length (128)`);
  const normalized = trimmed.toLowerCase();
  if (!/^[a-z0-9._-]+$/.test(normalized))
    throw fieldError(field, 'invalid_format', `${field} contains unsupported characters`);
  return normalized;
}

function profileName(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw fieldError('profile_name', 'required', 'profile_name is required');
  if (Buffer.byteLength(trimmed) > 256)
    throw fieldError('profile_name', 'too_long', 'profile_name exceeds max length (256)');
  return trimmed;
}

function profileScope(scope: z.output<typeof scopeBody> | null | undefined): Profile['scope'] {
  const kind = (scope?.kind ?? 'global').trim().toLowerCase();
  if (kind === 'global') return { kind: 'global' };
  if (kind === 'agent')
    return { kind: 'agent', agent_id: identifier(scope?.agent_id ?? '', 'scope.agent_id') };
  throw fieldError('scope.kind', 'unsupported', 'scope.kind must be global or agent');
}

/** generate_provider_profile_id: a slug of the name plus a lowercase ULID. */
function generatedProfileId(state: SimulatorState, name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9]/g, '-')
    .toLowerCase()
    .split('-')
    .filter(Boolean)
    .join('-');
  return `${slug || 'openai'}-${state.ids.next().toLowerCase()}`;
}

/** validate_openai_bearer_token + map_openai_validation_error. */
async function validateKey(state: SimulatorState, apiKey: string): Promise<void> {
  const configured = process.env.PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL?.trim();
  if (!configured && state.config.demo) {
    if (!/^sk-[A-Za-z0-9_-]{17,}$/.test(apiKey)) throw invalidCredential();
    return;
  }
  const base = configured || OPENAI_DEFAULT_BASE_URL;
  const endpoint = new URL('models', base.endsWith('/') ? base : `${base}/`);
  for (let attempt = 0; attempt < VALIDATION_ATTEMPTS; attempt += 1) {
    let res: Response;
    try {
      res = await fetch(endpoint, {
        headers: { authorization: `Bearer ${apiKey}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
    } catch {
      if (attempt + 1 < VALIDATION_ATTEMPTS) await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    const body = await res.text().catch(() => '');
    if (res.ok) return;
    if (res.status === 401 || res.status === 403) throw invalidCredential();
    if (res.status === 429) throw apiErrors.rateLimited('OpenAI credential validation was rate limited');
    if ([500, 502, 503, 504].includes(res.status)) throw providerUnavailable();
    throw new ApiError(
      500,
      'internal_error',
      'internal',
      false,
      `OpenAI credential validation failed: validation endpoint returned status ${res.status}: ${body.slice(0, 200)}`,
    );
  }
  throw providerUnavailable();
}

const invalidCredential = () =>
  fieldError(
    'api_key',
    'invalid_credential',
    'OpenAI credential is invalid or does not have the required access.',
  );
const providerUnavailable = () =>
  apiErrors.unavailable('OpenAI credential validation is temporarily unavailable');

function providerState(reg: Registry): Record<string, unknown> {
  const body: Record<string, unknown> = {
    contract: CONTRACT,
    provider: 'openai',
    oauth_supported: true,
    bootstrap_supported: true,
    callback_supported: true,
    reconnect_supported: true,
    revoke_supported: true,
    default_selection_supported: true,
    available_profile_ids: [...reg.profiles.keys()],
    state: reg.defaultProfileId ? 'selected_profile' : 'not_configured',
  };
  if (reg.defaultProfileId) body.default_profile_id = reg.defaultProfileId;
  return body;
}

async function stateRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  return { status: 200, body: providerState(registry(r.state)) };
}

async function apiKeyRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const body = await readJson(r.req, apiKeyBody);
  const name = profileName(body.profile_name);
  const profileId = body.profile_id
    ? identifier(body.profile_id, 'profile_id')
    : generatedProfileId(r.state, name);
  const scope = profileScope(body.scope);
  const apiKey = body.api_key.trim();
  if (apiKey === '') throw fieldError('api_key', 'required', 'api_key is required');
  await validateKey(r.state, apiKey);
  const reg = registry(r.state);
  const now = Date.now();
  const digest = createHash('sha256').update(profileId).digest('hex').slice(0, 16);
  const vaultScope = scope.kind === 'global' ? 'global' : `principal:${scope.agent_id}`;
  reg.profiles.set(profileId, {
    profile_id: profileId,
    provider: { kind: 'openai' },
    profile_name: name,
    scope,
    credential: { type: 'api_key', api_key_vault_ref: `${vaultScope}/auth_openai_${digest}_api_key` },
    created_at_unix_ms: reg.profiles.get(profileId)?.created_at_unix_ms ?? now,
    updated_at_unix_ms: now,
  });
  if (body.set_default) reg.defaultProfileId = profileId;
  return {
    status: 200,
    body: {
      contract: CONTRACT,
      provider: 'openai',
      action: 'api_key',
      state: body.set_default ? 'selected' : 'saved',
      message: body.set_default
        ? 'OpenAI API key profile saved and selected as the default auth profile.'
        : 'OpenAI API key profile saved.',
      profile_id: profileId,
    },
  };
}

async function bootstrapRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const body = await readJson(r.req, bootstrapBody);
  const name = body.profile_name ? profileName(body.profile_name) : 'OpenAI';
  const profileId = body.profile_id
    ? identifier(body.profile_id, 'profile_id')
    : generatedProfileId(r.state, name);
  profileScope(body.scope);
  const clientId = (body.client_id ?? '').trim();
  if (clientId === '') throw fieldError('client_id', 'required', 'client_id is required');
  const attemptId = r.state.ids.next().toLowerCase();
  const expiresAtMs = Date.now() + OAUTH_TTL_MS;
  registry(r.state).attempts.set(attemptId, { attemptId, profileId, expiresAtMs });
  const host = r.req.headers.host ?? `127.0.0.1:${r.state.config.port}`;
  const url = new URL('https://auth.openai.com/oauth/authorize');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', `http://${host}/console/v1/auth/providers/openai/callback`);
  url.searchParams.set(
    'scope',
    body.scopes.length > 0 ? body.scopes.join(' ') : 'openid profile email offline_access',
  );
  url.searchParams.set('state', attemptId);
  return {
    status: 200,
    body: {
      contract: CONTRACT,
      provider: 'openai',
      attempt_id: attemptId,
      authorization_url: url.href,
      expires_at_unix_ms: expiresAtMs,
      profile_id: profileId,
      message: 'OpenAI OAuth authorization URL issued.',
    },
  };
}

async function callbackStateRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const attemptId = identifier(r.url.searchParams.get('attempt_id') ?? '', 'attempt_id');
  const attempt = registry(r.state).attempts.get(attemptId);
  if (!attempt) throw apiErrors.notFound(`OpenAI OAuth attempt not found: ${attemptId}`);
  const now = Date.now();
  const base = {
    contract: CONTRACT,
    provider: 'openai',
    attempt_id: attemptId,
    profile_id: attempt.profileId,
  };
  if (attempt.expiresAtMs <= now) {
    return {
      status: 200,
      body: {
        ...base,
        state: 'failed',
        message: 'OpenAI OAuth attempt expired before the callback completed.',
        completed_at_unix_ms: now,
      },
    };
  }
  return {
    status: 200,
    body: {
      ...base,
      state: 'pending',
      message: 'Awaiting OpenAI OAuth callback.',
      expires_at_unix_ms: attempt.expiresAtMs,
    },
  };
}

async function profilesRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const limit = Math.min(Math.max(Number(r.url.searchParams.get('limit') ?? 100) || 100, 1), 500);
  const kind = r.url.searchParams.get('provider_kind')?.trim().toLowerCase();
  const profiles = [...registry(r.state).profiles.values()]
    .filter((p) => !kind || p.provider.kind === kind)
    .sort((a, b) => a.profile_id.localeCompare(b.profile_id))
    .slice(0, limit);
  return {
    status: 200,
    body: { contract: CONTRACT, profiles, page: { limit, returned: profiles.length, has_more: false } },
  };
}

async function healthRoute(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const include = r.url.searchParams.get('include_profiles') === 'true';
  const profiles = [...registry(r.state).profiles.values()];
  return {
    status: 200,
    body: {
      contract: CONTRACT,
      summary: {
        total: profiles.length,
        ok: 0,
        expiring: 0,
        expired: 0,
        missing: 0,
        static_count: profiles.length,
      },
      expiry_distribution: { static_count: profiles.length },
      profiles: include
        ? profiles.map((p) => ({
            profile_id: p.profile_id,
            provider: p.provider.kind,
            profile_name: p.profile_name,
            scope: p.scope.kind === 'global' ? 'global' : `agent:${p.scope.agent_id}`,
            credential_type: 'api_key',
            state: 'static',
            reason: 'API key credential does not expire.',
            expires_at_unix_ms: null,
          }))
        : [],
      refresh_metrics: { attempts: 0, successes: 0, failures: 0, by_provider: [] },
    },
  };
}

export const providerAuthRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/auth\/providers\/openai$/, handler: stateRoute },
  { method: 'POST', pattern: /^\/console\/v1\/auth\/providers\/openai\/api-key$/, handler: apiKeyRoute },
  { method: 'POST', pattern: /^\/console\/v1\/auth\/providers\/openai\/bootstrap$/, handler: bootstrapRoute },
  {
    method: 'GET',
    pattern: /^\/console\/v1\/auth\/providers\/openai\/callback-state$/,
    handler: callbackStateRoute,
  },
  { method: 'GET', pattern: /^\/console\/v1\/auth\/profiles$/, handler: profilesRoute },
  { method: 'GET', pattern: /^\/console\/v1\/auth\/health$/, handler: healthRoute },
];
