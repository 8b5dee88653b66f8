// The OpenAI and Discord onboarding steps: reads what the gateway has (auth profiles and their
// health, Discord connectors) and runs the operator's actions through palyrad's console API.
// Secrets pass through as call arguments and are dropped when the call returns: nothing here
// keeps, logs or publishes them (the snapshot only ever holds profile ids, names and health).
import type {
  DiscordAccountView,
  DiscordPreflightView,
  OpenAiProfileView,
  OpenAiProviderView,
  ProvidersSnapshot,
} from '../../contract/model';
import { toActionableError } from '../../contract/dispatch';
import { CompanionError } from '../errors';
import type {
  AuthProfile,
  AuthProfileHealth,
  ConnectorStatus,
  DiscordPreflight,
  ProviderApi,
} from '../gateway';
import { initialProviders } from '../snapshot/initial-snapshot';

/** Palyra's desktop names its profile "OpenAI" unless told otherwise. */
export const DEFAULT_OPENAI_PROFILE_NAME = 'OpenAI';
const OAUTH_POLL_MS = 2_000;

export interface ProviderOnboardingDeps {
  api: () => ProviderApi;
  isConnected: () => boolean;
  onChange: (providers: ProvidersSnapshot) => void;
  log: (line: string) => void;
  /** Gateway delivery failures go to the connection monitor instead of the step. */
  isDeliveryFailure: (err: unknown) => boolean;
}

function toProfileView(
  profile: AuthProfile,
  health: AuthProfileHealth | undefined,
  defaultId: string | null,
): OpenAiProfileView {
  return {
    profileId: profile.profile_id,
    profileName: profile.profile_name,
    credentialType: profile.credential.type,
    isDefault: profile.profile_id === defaultId,
    health: health?.state ?? 'unknown',
    healthReason: health?.reason ?? '',
    updatedAtMs: profile.updated_at_unix_ms,
  };
}

function accountIdOf(connectorId: string): string {
  return connectorId.startsWith('discord:') ? connectorId.slice('discord:'.length) : connectorId;
}

function toPreflightView(p: DiscordPreflight): DiscordPreflightView {
  return {
    accountId: p.account_id,
    connectorId: p.connector_id,
    botId: p.bot.id,
    botUsername: p.bot.username,
    inviteUrl: p.invite_url_template,
    requiredPermissions: p.required_permissions,
    warnings: [...p.warnings, ...p.policy_warnings],
  };
}

/** Only web URLs leave for the browser (the shell re-checks before it opens anything). */
function checkAuthorizationUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CompanionError(
      'oauth_url_invalid',
      'The gateway issued an OAuth sign-in address that is not an https URL; it was not opened.',
      'Check the gateway’s OpenAI OAuth endpoint settings (PALYRA_OPENAI_OAUTH_AUTHORIZATION_ENDPOINT) and try again.',
    );
  }
  return url.href;
}

export class ProviderOnboarding {
  private view: ProvidersSnapshot = initialProviders();
  /** Bot names learnt from probe/apply in this run; the connector list does not carry them. */
  private readonly botNames = new Map<string, string>();
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ProviderOnboardingDeps) {}

  snapshot(): ProvidersSnapshot {
    return this.view;
  }

  dispose(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  /** Re-reads both providers (on connect and after every action). */
  async refresh(): Promise<void> {
    if (!this.deps.isConnected()) return;
    await Promise.all([this.refreshOpenAi(), this.refreshDiscord()]);
  }

  private publish(
    next: Partial<{ openai: Partial<OpenAiProviderView>; discord: Partial<ProvidersSnapshot['discord']> }>,
  ): void {
    this.view = {
      openai: { ...this.view.openai, ...next.openai },
      discord: { ...this.view.discord, ...next.discord },
    };
    this.deps.onChange(this.view);
  }

  private readFailed(what: 'openai' | 'discord', err: unknown): void {
    if (this.deps.isDeliveryFailure(err)) return;
    this.deps.log(
      `could not read the gateway's ${what} status: ${err instanceof Error ? err.message : String(err)}`,
    );
    this.publish({ [what]: { available: false, error: toActionableError(err) } });
  }

  private async refreshOpenAi(): Promise<void> {
    try {
      const api = this.deps.api();
      const [state, profiles, health] = await Promise.all([
        api.openAiState(),
        api.authProfiles('openai'),
        api.authHealth(),
      ]);
      const defaultId = state.default_profile_id ?? null;
      const byId = new Map(health.map((h) => [h.profile_id, h]));
      const views = profiles
        .map((p) => toProfileView(p, byId.get(p.profile_id), defaultId))
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || b.updatedAtMs - a.updatedAtMs);
      this.publish({
        openai: {
          available: true,
          state: state.state,
          note: state.note ?? null,
          defaultProfileId: defaultId,
          oauthSupported: state.oauth_supported && state.bootstrap_supported,
          profiles: views,
          error: null,
        },
      });
    } catch (err) {
      this.readFailed('openai', err);
    }
  }

  private async refreshDiscord(): Promise<void> {
    try {
      const connectors = await this.deps.api().connectors();
      const accounts = connectors
        .filter((c: ConnectorStatus) => c.connector_id.startsWith('discord:'))
        .map((c): DiscordAccountView => {
          const accountId = accountIdOf(c.connector_id);
          return {
            accountId,
            connectorId: c.connector_id,
            enabled: c.enabled,
            readiness: c.readiness,
            liveness: c.liveness,
            lastError: c.last_error ?? null,
            botUsername: this.botNames.get(accountId) ?? null,
          };
        });
      this.publish({ discord: { available: true, accounts, error: null } });
    } catch (err) {
      this.readFailed('discord', err);
    }
  }

  private requireConnected(): void {
    if (this.deps.isConnected()) return;
    throw new CompanionError(
      'gateway_not_connected',
      'The companion is not signed in to the gateway yet.',
      'Finish the "Gateway reachable" step first (start the sidecars from Health), then try again.',
    );
  }

  /** One action at a time per provider; `busy` is cleared whatever happens. */
  private async run<T>(
    provider: 'openai' | 'discord',
    busy: NonNullable<OpenAiProviderView['busy'] | ProvidersSnapshot['discord']['busy']>,
    action: () => Promise<T>,
  ): Promise<T> {
    this.requireConnected();
    if (this.view[provider].busy) {
      throw new CompanionError(
        'provider_busy',
        `Another ${provider === 'openai' ? 'OpenAI' : 'Discord'} action is still running.`,
        'Wait for it to finish, then try again.',
        { params: { provider: provider === 'openai' ? 'OpenAI' : 'Discord' } },
      );
    }
    this.publish({
      [provider]: { busy, lastMessage: null, ...(provider === 'discord' ? { lastMessageCode: null } : {}) },
    });
    try {
      return await action();
    } finally {
      this.publish({ [provider]: { busy: null } });
    }
  }

  async connectOpenAiKey(apiKey: string, profileName: string, setDefault: boolean): Promise<string> {
    return this.run('openai', 'connect', async () => {
      const reply = await this.deps.api().connectOpenAiKey({ apiKey, profileName, setDefault });
      this.publish({ openai: { lastMessage: reply.message } });
      await this.refreshOpenAi();
      return reply.message;
    });
  }

  /** Starts the OAuth sign-in; returns the authorization URL for the browser and polls the attempt. */
  async startOpenAiOAuth(
    clientId: string,
    clientSecret: string | null,
    profileName: string,
  ): Promise<{ url: string; expiresAtMs: number }> {
    return this.run('openai', 'oauth', async () => {
      const reply = await this.deps
        .api()
        .startOpenAiOAuth({ clientId, clientSecret, profileName, setDefault: true });
      const url = checkAuthorizationUrl(reply.authorization_url);
      this.publish({
        openai: {
          oauth: {
            attemptId: reply.attempt_id,
            state: 'pending',
            message: reply.message,
            expiresAtMs: reply.expires_at_unix_ms,
          },
          lastMessage: reply.message,
        },
      });
      this.schedulePoll();
      return { url, expiresAtMs: reply.expires_at_unix_ms };
    });
  }

  private schedulePoll(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => void this.pollOAuth(), OAUTH_POLL_MS);
    this.pollTimer.unref();
  }

  /** Reads the OAuth attempt's callback state; keeps polling while it is pending. */
  async pollOAuth(): Promise<void> {
    this.pollTimer = null;
    const attempt = this.view.openai.oauth;
    if (!attempt || attempt.state !== 'pending' || !this.deps.isConnected()) return;
    try {
      const state = await this.deps.api().openAiCallbackState(attempt.attemptId);
      this.publish({
        openai: {
          oauth: {
            attemptId: state.attempt_id,
            state: state.state,
            message: state.message,
            expiresAtMs: state.expires_at_unix_ms ?? null,
          },
        },
      });
      if (state.state === 'pending') this.schedulePoll();
      else await this.refreshOpenAi();
    } catch (err) {
      // A vanished attempt (gateway restarted: attempts live in its memory) is final.
      const message = err instanceof Error ? err.message : String(err);
      this.publish({ openai: { oauth: { ...attempt, state: 'failed', message } } });
    }
  }

  async refreshNow(): Promise<string> {
    this.requireConnected();
    if (this.view.openai.oauth?.state === 'pending') await this.pollOAuth();
    await this.refresh();
    return 'Checked the gateway again.';
  }

  async probeDiscord(
    token: string,
    accountId: string,
    verifyChannelId: string | null,
  ): Promise<DiscordPreflightView> {
    return this.run('discord', 'probe', async () => {
      const preflight = toPreflightView(
        await this.deps.api().discordProbe({ token, accountId, verifyChannelId }),
      );
      this.botNames.set(preflight.accountId, preflight.botUsername);
      this.publish({
        discord: {
          preflight,
          lastMessage: `The token belongs to @${preflight.botUsername}.`,
          lastMessageCode: 'probed',
          lastMessageParams: { bot: preflight.botUsername },
        },
      });
      return preflight;
    });
  }

  async applyDiscord(token: string, accountId: string, verifyChannelId: string | null): Promise<string> {
    return this.run('discord', 'apply', async () => {
      const reply = await this.deps.api().discordApply({ token, accountId, verifyChannelId });
      const preflight = toPreflightView(reply.preflight);
      this.botNames.set(preflight.accountId, preflight.botUsername);
      const restart = reply.applied.restart_required_for_routing_rules;
      const notes = [...reply.inbound_monitor_warnings];
      if (restart)
        notes.push('Restart the gateway from Health so its routing rules include the new connector.');
      const message = [
        `Connector ${reply.applied.connector_id} enabled for @${preflight.botUsername}.`,
        ...notes,
      ].join(' ');
      // The monitor's warnings are the gateway's words: a param, shown as they came.
      const lastMessageParams = {
        connector: reply.applied.connector_id,
        bot: preflight.botUsername,
        restart: restart ? 1 : 0,
        warnings: reply.inbound_monitor_warnings.join(' '),
      };
      this.publish({
        discord: { preflight, lastMessage: message, lastMessageCode: 'applied', lastMessageParams },
      });
      await this.refreshDiscord();
      return message;
    });
  }

  async discordAccount(action: 'logout' | 'remove', accountId: string): Promise<string> {
    return this.run('discord', action, async () => {
      const reply = await this.deps.api().discordAccountAction(action, accountId, false);
      if (action === 'remove') this.botNames.delete(reply.account_id);
      const message =
        action === 'logout'
          ? `Connector ${reply.connector_id} disabled${reply.credential_deleted ? ' and its token deleted from the gateway vault' : ''}.`
          : `Connector ${reply.connector_id} removed${reply.credential_deleted ? ' with its token' : ''}.`;
      const preflight =
        this.view.discord.preflight?.accountId === reply.account_id ? null : this.view.discord.preflight;
      this.publish({
        discord: {
          lastMessage: message,
          lastMessageCode: `${action}${reply.credential_deleted ? '_deleted' : ''}`,
          lastMessageParams: { connector: reply.connector_id },
          preflight,
        },
      });
      await this.refreshDiscord();
      return message;
    });
  }
}
