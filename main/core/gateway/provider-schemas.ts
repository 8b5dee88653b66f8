// zod schemas for palyrad's provider-auth and Discord onboarding replies (palyra-control-plane
// models.rs: ProviderAuthStateEnvelope, AuthProfileListEnvelope, AuthHealthEnvelope,
// ProviderAuthActionEnvelope, OpenAiOAuth*Envelope; transport/http/contracts/channels/discord.rs;
// application/channels/providers/discord/{onboarding,lifecycle}.rs). Loose objects, as in schemas.ts.
import { z } from 'zod';

const contract = z.looseObject({ contract_version: z.string() });

export const providerStateSchema = z.looseObject({
  contract,
  provider: z.string(),
  oauth_supported: z.boolean(),
  bootstrap_supported: z.boolean(),
  callback_supported: z.boolean(),
  reconnect_supported: z.boolean(),
  revoke_supported: z.boolean(),
  default_selection_supported: z.boolean(),
  default_profile_id: z.string().optional(),
  available_profile_ids: z.array(z.string()).default([]),
  state: z.string(),
  note: z.string().optional(),
});
export type ProviderState = z.output<typeof providerStateSchema>;

/** AuthCredentialView: tagged by `type`; only vault refs, never the secret itself. */
const credentialSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('api_key'), api_key_vault_ref: z.string() }),
  z.looseObject({
    type: z.literal('oauth'),
    access_token_vault_ref: z.string(),
    refresh_token_vault_ref: z.string(),
    token_endpoint: z.string(),
    expires_at_unix_ms: z.number().optional(),
  }),
]);

export const authProfileSchema = z.looseObject({
  profile_id: z.string().min(1),
  provider: z.looseObject({ kind: z.string(), custom_name: z.string().optional() }),
  profile_name: z.string(),
  scope: z.looseObject({ kind: z.string(), agent_id: z.string().optional() }),
  credential: credentialSchema,
  created_at_unix_ms: z.number(),
  updated_at_unix_ms: z.number(),
});
export type AuthProfile = z.output<typeof authProfileSchema>;

export const authProfileListSchema = z.looseObject({
  contract,
  profiles: z.array(authProfileSchema).default([]),
  page: z.looseObject({ limit: z.number(), returned: z.number(), has_more: z.boolean() }),
});

/** auth_profile_health_json (diagnostics.rs): provider and scope are plain strings here. */
export const authProfileHealthSchema = z.looseObject({
  profile_id: z.string(),
  provider: z.string(),
  profile_name: z.string(),
  state: z.string(),
  reason: z.string(),
  expires_at_unix_ms: z.number().nullable(),
});
export type AuthProfileHealth = z.output<typeof authProfileHealthSchema>;

export const authHealthSchema = z.looseObject({
  contract,
  summary: z.looseObject({}),
  profiles: z.array(authProfileHealthSchema).default([]),
});

export const providerActionSchema = z.looseObject({
  contract,
  provider: z.string(),
  action: z.string(),
  state: z.string(),
  message: z.string(),
  profile_id: z.string().optional(),
});
export type ProviderAction = z.output<typeof providerActionSchema>;

export const oauthBootstrapSchema = z.looseObject({
  contract,
  provider: z.string(),
  attempt_id: z.string().min(1),
  authorization_url: z.string().min(1),
  expires_at_unix_ms: z.number(),
  profile_id: z.string().optional(),
  message: z.string(),
});
export type OAuthBootstrap = z.output<typeof oauthBootstrapSchema>;

export const oauthCallbackStateSchema = z.looseObject({
  contract,
  provider: z.string(),
  attempt_id: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  message: z.string(),
  profile_id: z.string().optional(),
  completed_at_unix_ms: z.number().optional(),
  expires_at_unix_ms: z.number().optional(),
});
export type OAuthCallbackState = z.output<typeof oauthCallbackStateSchema>;

const inboundMonitorSchema = z.looseObject({
  connector_registered: z.boolean(),
  gateway_connected: z.boolean(),
  recent_inbound: z.boolean(),
});

/** DiscordOnboardingPreflightResponse (contracts/channels/discord.rs). */
export const discordPreflightSchema = z.looseObject({
  connector_id: z.string(),
  account_id: z.string(),
  mode: z.string(),
  inbound_scope: z.string(),
  bot: z.looseObject({ id: z.string(), username: z.string() }),
  invite_url_template: z.string(),
  required_permissions: z.array(z.string()),
  egress_allowlist: z.array(z.string()),
  security_defaults: z.array(z.string()),
  inbound_monitor: inboundMonitorSchema,
  inbound_alive: z.boolean(),
  warnings: z.array(z.string()),
  policy_warnings: z.array(z.string()),
});
export type DiscordPreflight = z.output<typeof discordPreflightSchema>;

/** ConnectorStatusSnapshot (palyra-connectors core/protocol/delivery.rs). */
export const connectorStatusSchema = z.looseObject({
  connector_id: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  readiness: z.string(),
  liveness: z.string(),
  last_error: z.string().nullable().optional(),
});
export type ConnectorStatus = z.output<typeof connectorStatusSchema>;

export const discordApplySchema = z.looseObject({
  preflight: discordPreflightSchema,
  applied: z.looseObject({
    connector_id: z.string(),
    connector_enabled: z.boolean(),
    restart_required_for_routing_rules: z.boolean(),
  }),
  status: connectorStatusSchema,
  inbound_alive: z.boolean(),
  inbound_monitor_warnings: z.array(z.string()),
});
export type DiscordApply = z.output<typeof discordApplySchema>;

export const discordLifecycleSchema = z.looseObject({
  action: z.enum(['logout', 'remove']),
  provider: z.literal('discord'),
  account_id: z.string(),
  connector_id: z.string(),
  credential_deleted: z.boolean(),
});
export type DiscordLifecycle = z.output<typeof discordLifecycleSchema>;

export const connectorListSchema = z.looseObject({ connectors: z.array(connectorStatusSchema) });
