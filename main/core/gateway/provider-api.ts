// palyrad's provider onboarding routes (console/v1/auth/providers/openai/*, console/v1/auth/profiles,
// console/v1/auth/health, console/v1/channels/discord/*), through the console transport. Secrets
// (API key, OAuth client secret, bot token) go into one request body and nowhere else: they are
// not kept, not logged and never part of an error (palyrad's own errors do not echo them either).
import { GatewayError } from './gateway-error';
import type { ConsoleTransport } from './console-transport';
import {
  authHealthSchema,
  authProfileListSchema,
  connectorListSchema,
  discordApplySchema,
  discordLifecycleSchema,
  discordPreflightSchema,
  oauthBootstrapSchema,
  oauthCallbackStateSchema,
  providerActionSchema,
  providerStateSchema,
  type AuthProfile,
  type AuthProfileHealth,
  type ConnectorStatus,
  type DiscordApply,
  type DiscordLifecycle,
  type DiscordPreflight,
  type OAuthBootstrap,
  type OAuthCallbackState,
  type ProviderAction,
  type ProviderState,
} from './provider-schemas';

/** OpenAI key validation: palyrad tries up to 3 times with a 10 s timeout each. */
const OPENAI_CONNECT_TIMEOUT_MS = 40_000;
/** Discord probe: identity, application and channel lookups of 5 s each, then apply's monitor wait. */
const DISCORD_TIMEOUT_MS = 30_000;

export interface OpenAiKeyInput {
  apiKey: string;
  profileName: string;
  setDefault: boolean;
}

export interface OpenAiOAuthInput {
  clientId: string;
  clientSecret: string | null;
  profileName: string;
  setDefault: boolean;
}

export interface DiscordTokenInput {
  token: string;
  accountId: string;
  verifyChannelId: string | null;
}

/** The gateway's own sentence from a GatewayError ("POST /x failed: <this>"). */
function gatewaySaid(err: GatewayError): string {
  const at = err.message.indexOf(' failed: ');
  return at >= 0 ? err.message.slice(at + ' failed: '.length) : err.message;
}

/**
 * Our own sentence for a gateway refusal. Where it quotes the gateway, the quote travels as the
 * `said` param too, so the UI can say the sentence in its language around the gateway's words.
 */
function rewrap(err: unknown, code: string, message: string, hint: string, params?: { said: string }): never {
  if (!(err instanceof GatewayError)) throw err;
  throw new GatewayError(code, message, hint, {
    ...(params ? { params } : {}),
    status: err.status,
    category: err.category,
    retryable: err.retryable,
    gatewayCode: err.gatewayCode,
    cause: err,
  });
}

/** What palyrad's OpenAI key validation errors mean for the operator (openai_surface.rs). */
function openAiError(err: unknown): never {
  if (!(err instanceof GatewayError) || err.status === null) throw err;
  const said = gatewaySaid(err);
  if (err.status === 400 && said.includes('api_key') && said.toLowerCase().includes('invalid')) {
    rewrap(
      err,
      'openai_key_rejected',
      'OpenAI did not accept this API key (the gateway checked it with OpenAI).',
      'Create a new secret key at platform.openai.com/api-keys, paste it and press Connect again.',
    );
  }
  if (err.status === 400) {
    rewrap(
      err,
      'openai_input_invalid',
      `The gateway rejected the request: ${said}`,
      'Correct the field named above and press Connect again.',
      { said },
    );
  }
  if (err.status === 429) {
    rewrap(
      err,
      'openai_rate_limited',
      'OpenAI rate limited the key check.',
      'Wait a minute, then press Connect again.',
    );
  }
  if (err.status === 503) {
    rewrap(
      err,
      'openai_unreachable',
      'The gateway could not reach OpenAI to check the key; nothing was saved.',
      'Make sure the machine running palyrad can reach api.openai.com (network, proxy, firewall), or that model_provider.openai_base_url points at a reachable server, then press Connect again.',
    );
  }
  if (err.status === 412) {
    rewrap(
      err,
      'openai_config_missing',
      `The gateway cannot save the OpenAI profile: ${said}`,
      'Give palyrad a writable config file (PALYRA_CONFIG), restart it from the Health tab, then press Connect again.',
      { said },
    );
  }
  throw err;
}

/** What palyrad's Discord onboarding errors mean (application/channels/providers/discord). */
function discordError(err: unknown): never {
  if (!(err instanceof GatewayError) || err.status === null) throw err;
  const said = gatewaySaid(err);
  if (err.status === 503 && said.includes('failed to reach discord')) {
    rewrap(
      err,
      'discord_unreachable',
      'The gateway could not reach Discord (discord.com) to check the bot token; nothing was saved.',
      'Make sure the machine running palyrad can reach discord.com over HTTPS (network, proxy, firewall), then press Check token again.',
    );
  }
  if (err.status === 503) {
    rewrap(
      err,
      'discord_unavailable',
      `Discord did not answer the token check properly: ${said}`,
      'Wait a moment and press Check token again; if it persists, check status.discord.com.',
      { said },
    );
  }
  if (err.status === 400 && said.includes('token validation failed')) {
    rewrap(
      err,
      'discord_token_rejected',
      'Discord did not accept this bot token.',
      'In the Discord Developer Portal open your application → Bot → Reset Token, copy the new token, paste it and press Check token again.',
    );
  }
  if (err.status === 400) {
    rewrap(
      err,
      'discord_input_invalid',
      `The gateway rejected the request: ${said}`,
      'Correct the value named above and try again.',
      { said },
    );
  }
  if (err.status === 404) {
    rewrap(
      err,
      'discord_account_not_found',
      `The gateway has no such Discord account: ${said}`,
      'Refresh the step: the account may already have been removed.',
      { said },
    );
  }
  if (err.status === 412) {
    rewrap(
      err,
      'discord_config_missing',
      `The gateway cannot store the Discord connector settings: ${said}`,
      'Give palyrad a writable config file (PALYRA_CONFIG), restart it from the Health tab, then try again.',
      { said },
    );
  }
  throw err;
}

export class ProviderApi {
  constructor(private readonly transport: ConsoleTransport) {}

  openAiState(): Promise<ProviderState> {
    return this.transport.json('GET', '/console/v1/auth/providers/openai', providerStateSchema, {
      auth: true,
    });
  }

  async authProfiles(providerKind: string): Promise<AuthProfile[]> {
    const path = `/console/v1/auth/profiles?provider_kind=${encodeURIComponent(providerKind)}&limit=100`;
    return (await this.transport.json('GET', path, authProfileListSchema, { auth: true })).profiles;
  }

  async authHealth(): Promise<AuthProfileHealth[]> {
    const path = '/console/v1/auth/health?include_profiles=true';
    return (await this.transport.json('GET', path, authHealthSchema, { auth: true })).profiles;
  }

  /** POST …/openai/api-key: palyrad checks the key with OpenAI, stores it in its vault, makes a profile. */
  async connectOpenAiKey(input: OpenAiKeyInput): Promise<ProviderAction> {
    try {
      return await this.transport.json(
        'POST',
        '/console/v1/auth/providers/openai/api-key',
        providerActionSchema,
        {
          auth: true,
          timeoutMs: OPENAI_CONNECT_TIMEOUT_MS,
          body: {
            profile_name: input.profileName,
            scope: { kind: 'global' },
            api_key: input.apiKey,
            set_default: input.setDefault,
          },
        },
      );
    } catch (err) {
      openAiError(err);
    }
  }

  /** POST …/openai/bootstrap: an authorization URL for the browser and an attempt to poll. */
  async startOpenAiOAuth(input: OpenAiOAuthInput): Promise<OAuthBootstrap> {
    const body: Record<string, unknown> = {
      profile_name: input.profileName,
      scope: { kind: 'global' },
      client_id: input.clientId,
      set_default: input.setDefault,
    };
    if (input.clientSecret) body.client_secret = input.clientSecret;
    try {
      return await this.transport.json(
        'POST',
        '/console/v1/auth/providers/openai/bootstrap',
        oauthBootstrapSchema,
        {
          auth: true,
          body,
        },
      );
    } catch (err) {
      openAiError(err);
    }
  }

  openAiCallbackState(attemptId: string): Promise<OAuthCallbackState> {
    const path = `/console/v1/auth/providers/openai/callback-state?attempt_id=${encodeURIComponent(attemptId)}`;
    return this.transport.json('GET', path, oauthCallbackStateSchema, { auth: true });
  }

  async discordProbe(input: DiscordTokenInput): Promise<DiscordPreflight> {
    try {
      return await this.transport.json(
        'POST',
        '/console/v1/channels/discord/onboarding/probe',
        discordPreflightSchema,
        {
          auth: true,
          timeoutMs: DISCORD_TIMEOUT_MS,
          body: discordBody(input),
        },
      );
    } catch (err) {
      discordError(err);
    }
  }

  async discordApply(input: DiscordTokenInput): Promise<DiscordApply> {
    try {
      return await this.transport.json(
        'POST',
        '/console/v1/channels/discord/onboarding/apply',
        discordApplySchema,
        {
          auth: true,
          timeoutMs: DISCORD_TIMEOUT_MS,
          body: discordBody(input),
        },
      );
    } catch (err) {
      discordError(err);
    }
  }

  /** POST …/accounts/{id}/logout (disables the connector) or …/remove (also drops its routing). */
  async discordAccountAction(
    action: 'logout' | 'remove',
    accountId: string,
    keepCredential: boolean,
  ): Promise<DiscordLifecycle> {
    const path = `/console/v1/channels/discord/accounts/${encodeURIComponent(accountId)}/${action}`;
    try {
      return await this.transport.json('POST', path, discordLifecycleSchema, {
        auth: true,
        body: { keep_credential: keepCredential },
      });
    } catch (err) {
      discordError(err);
    }
  }

  async connectors(): Promise<ConnectorStatus[]> {
    return (await this.transport.json('GET', '/console/v1/channels', connectorListSchema, { auth: true }))
      .connectors;
  }
}

function discordBody(input: DiscordTokenInput): Record<string, unknown> {
  const body: Record<string, unknown> = { account_id: input.accountId, token: input.token };
  if (input.verifyChannelId) body.verify_channel_id = input.verifyChannelId;
  return body;
}
