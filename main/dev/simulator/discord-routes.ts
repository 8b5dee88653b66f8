// palyrad's Discord onboarding routes (handlers/console/channels/connectors/discord.rs →
// application/channels/providers/discord/{onboarding,lifecycle}.rs) and the connector list.
// palyrad asks discord.com/api/v10/users/@me with the token; the simulator has a stand-in Discord
// that knows a bot token by its shape (base64 of the bot's snowflake id, a timestamp, an HMAC),
// unless PALYRA_SIM_DISCORD=unreachable, which answers as palyrad does when discord.com cannot be
// reached (this machine's case). The token itself is never stored, only the vault reference.
import { z } from 'zod';
import { ApiError, apiErrors } from './api-error';
import { authorize } from './auth-routes';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest, SimulatorState } from './simulator-state';

const requestBody = z
  .object({
    account_id: z.string().nullish(),
    token: z.string(),
    mode: z.string().nullish(),
    inbound_scope: z.string().nullish(),
    allow_from: z.array(z.string()).nullish(),
    deny_from: z.array(z.string()).nullish(),
    require_mention: z.boolean().nullish(),
    mention_patterns: z.array(z.string()).nullish(),
    concurrency_limit: z.number().int().nonnegative().nullish(),
    direct_message_policy: z.string().nullish(),
    broadcast_strategy: z.string().nullish(),
    confirm_open_guild_channels: z.boolean().nullish(),
    verify_channel_id: z.string().nullish(),
  })
  .passthrough();
const lifecycleBody = z.object({ keep_credential: z.boolean().nullish() }).passthrough();

const MODES: Record<string, string> = {
  local: 'local',
  remote_vps: 'remote_vps',
  'remote-vps': 'remote_vps',
  remote: 'remote_vps',
  vps: 'remote_vps',
};
const SCOPES: Record<string, string> = {
  dm_only: 'dm_only',
  'dm-only': 'dm_only',
  dm: 'dm_only',
  allowlisted_guild_channels: 'allowlisted_guild_channels',
  'allowlisted-guild-channels': 'allowlisted_guild_channels',
  allowlisted: 'allowlisted_guild_channels',
  open_guild_channels: 'open_guild_channels',
  'open-guild-channels': 'open_guild_channels',
  open: 'open_guild_channels',
};
const PERMISSIONS = [
  'View Channels',
  'Send Messages',
  'Read Message History',
  'Embed Links',
  'Attach Files',
  'Send Messages in Threads',
];
const INVITE_PERMISSIONS = '274878024704';

interface Account {
  enabled: boolean;
  updatedAtMs: number;
}

const accounts = new WeakMap<SimulatorState, Map<string, Account>>();

function store(state: SimulatorState): Map<string, Account> {
  let found = accounts.get(state);
  if (!found) {
    found = new Map();
    accounts.set(state, found);
  }
  return found;
}

const invalid = (message: string) => new ApiError(400, 'validation_error', 'validation', false, message);

/** normalize_discord_account_id (palyra-connectors providers/discord/ids.rs). */
function accountId(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') throw invalid('discord account_id cannot be empty');
  if (!/^[A-Za-z0-9._-]+$/.test(trimmed))
    throw invalid('discord account_id contains unsupported characters; allowed: [A-Za-z0-9._-]');
  return trimmed.toLowerCase();
}

function normalizeToken(raw: string): string | null {
  const trimmed = raw.trim();
  const stripped = (
    trimmed.startsWith('Bot ') || trimmed.startsWith('bot ') ? trimmed.slice(4) : trimmed
  ).trim();
  return stripped === '' ? null : stripped;
}

function connectorStatus(id: string, account: Account): Record<string, unknown> {
  return {
    connector_id: `discord:${id}`,
    kind: 'discord',
    availability: 'supported',
    capabilities: {},
    principal: `channel:discord:${id}`,
    enabled: account.enabled,
    readiness: 'ready',
    liveness: account.enabled ? 'running' : 'stopped',
    restart_count: 0,
    queue_depth: { pending_outbox: 0, dead_letters: 0 },
    last_error: null,
    last_inbound_unix_ms: null,
    last_outbound_unix_ms: null,
    updated_at_unix_ms: account.updatedAtMs,
  };
}

/** The stand-in for GET discord.com/api/v10/users/@me (probe_discord_bot_identity). */
function botIdentity(token: string): { id: string; username: string } {
  if (process.env.PALYRA_SIM_DISCORD === 'unreachable') {
    throw apiErrors.unavailable(
      'failed to reach discord identity endpoint: error sending request for url (https://discord.com/api/v10/users/@me)',
    );
  }
  const [first, second, third] = token.split('.');
  const id = first ? Buffer.from(first, 'base64url').toString('utf8') : '';
  if (!/^\d{16,24}$/.test(id) || !second || second.length < 6 || !third || third.length < 27) {
    throw invalid('discord token validation failed (status=401): 401: Unauthorized');
  }
  return { id, username: `palyra-bot-${id.slice(-4)}` };
}

function verifyChannel(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (!/^\d+$/.test(value)) throw invalid('verify_channel_id must contain only decimal digits');
  if (value.length < 16 || value.length > 24)
    throw invalid('verify_channel_id must be a canonical Discord snowflake id');
  return value;
}

/** evaluate_discord_onboarding_request: same validation order as palyrad. */
function evaluate(r: RouteRequest, body: z.output<typeof requestBody>, apply: boolean) {
  const token = normalizeToken(body.token);
  if (token === null) throw invalid('discord token cannot be empty');
  const id = accountId(body.account_id ?? 'default');
  const mode = body.mode == null ? 'local' : MODES[body.mode.trim().toLowerCase()];
  if (!mode) throw invalid('mode must be one of: local, remote_vps');
  const scope = body.inbound_scope == null ? 'dm_only' : SCOPES[body.inbound_scope.trim().toLowerCase()];
  if (!scope)
    throw invalid('inbound_scope must be one of: dm_only, allowlisted_guild_channels, open_guild_channels');
  if (
    body.direct_message_policy != null &&
    !['deny', 'pairing', 'allow'].includes(body.direct_message_policy.trim().toLowerCase())
  )
    throw invalid('direct_message_policy must be one of: deny, pairing, allow');
  if (
    body.broadcast_strategy != null &&
    !['deny', 'mention_only', 'allow'].includes(body.broadcast_strategy.trim().toLowerCase())
  )
    throw invalid('broadcast_strategy must be one of: deny, mention_only, allow');
  if (apply && scope === 'open_guild_channels' && body.confirm_open_guild_channels !== true)
    throw invalid('open guild channels require explicit confirm_open_guild_channels=true');
  verifyChannel(body.verify_channel_id);
  const bot = botIdentity(token);
  const requireMention = body.require_mention ?? scope !== 'open_guild_channels';
  const existing = store(r.state).get(id);
  const preflight = {
    connector_id: `discord:${id}`,
    account_id: id,
    mode,
    inbound_scope: scope,
    bot,
    invite_url_template: `https://discord.com/oauth2/authorize?client_id=${bot.id}&scope=bot&permissions=${INVITE_PERMISSIONS}`,
    required_permissions: PERMISSIONS,
    egress_allowlist: ['discord.com', 'gateway.discord.gg', 'cdn.discordapp.com', 'media.discordapp.net'],
    security_defaults: ['DM policy: pairing', `Mention required: ${requireMention}`],
    routing_preview: {
      connector_id: `discord:${id}`,
      mode,
      inbound_scope: scope,
      require_mention: requireMention,
      mention_patterns: requireMention
        ? [`<@${bot.id}>`, `<@!${bot.id}>`, '@palyra', `@${bot.username}`]
        : [],
      allow_from: [],
      deny_from: [],
      allow_direct_messages: true,
      direct_message_policy: 'pairing',
      broadcast_strategy: 'deny',
      concurrency_limit: Math.min(Math.max(body.concurrency_limit ?? 2, 1), 32),
    },
    inbound_monitor: {
      connector_registered: existing !== undefined,
      gateway_connected: existing?.enabled ?? false,
      recent_inbound: false,
    },
    inbound_alive: false,
    warnings: [] as string[],
    policy_warnings: [] as string[],
  };
  return { id, preflight };
}

async function probe(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const { preflight } = evaluate(r, await readJson(r.req, requestBody), false);
  return { status: 200, body: preflight };
}

async function apply(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const { id, preflight } = evaluate(r, await readJson(r.req, requestBody), true);
  const account: Account = { enabled: true, updatedAtMs: Date.now() };
  store(r.state).set(id, account);
  const status = connectorStatus(id, account);
  return {
    status: 200,
    body: {
      preflight,
      applied: {
        token_vault_ref: id === 'default' ? 'global/discord_bot_token' : `global/discord_bot_token.${id}`,
        connector_id: `discord:${id}`,
        config_path: 'palyra.toml',
        config_created: false,
        config_backups: 5,
        connector_enabled: true,
        restart_required_for_routing_rules: true,
      },
      status,
      runtime: null,
      inbound_monitor: { connector_registered: true, gateway_connected: true, recent_inbound: false },
      inbound_alive: true,
      inbound_monitor_warnings: [],
    },
  };
}

async function lifecycle(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: true });
  const body = await readJson(r.req, lifecycleBody);
  const action = r.params[1] === 'remove' ? 'remove' : 'logout';
  const id = accountId(r.params[0] ?? '');
  const accountsOf = store(r.state);
  const account = accountsOf.get(id);
  if (!account) throw apiErrors.notFound(`connector not found: discord:${id}`);
  account.enabled = false;
  account.updatedAtMs = Date.now();
  const keep = body.keep_credential ?? false;
  const common = {
    action,
    provider: 'discord',
    account_id: id,
    connector_id: `discord:${id}`,
    keep_credential: keep,
    credential_deleted: !keep,
  };
  if (action === 'logout') return { status: 200, body: { ...common, status: connectorStatus(id, account) } };
  accountsOf.delete(id);
  return {
    status: 200,
    body: {
      ...common,
      config_updated: false,
      config_path: null,
      removed: true,
      status_before_remove: connectorStatus(id, account),
    },
  };
}

async function list(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  const connectors = [...store(r.state).entries()].map(([id, account]) => connectorStatus(id, account));
  return {
    status: 200,
    body: {
      connectors,
      page: { limit: Math.max(connectors.length, 1), returned: connectors.length, has_more: false },
    },
  };
}

export const discordRoutes: Route[] = [
  { method: 'GET', pattern: /^\/console\/v1\/channels$/, handler: list },
  { method: 'POST', pattern: /^\/console\/v1\/channels\/discord\/onboarding\/probe$/, handler: probe },
  { method: 'POST', pattern: /^\/console\/v1\/channels\/discord\/onboarding\/apply$/, handler: apply },
  {
    method: 'POST',
    pattern: /^\/console\/v1\/channels\/discord\/accounts\/([^/]+)\/(logout|remove)$/,
    handler: lifecycle,
  },
];
