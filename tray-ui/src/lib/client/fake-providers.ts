// The fake client's answers to the provider onboarding calls: they change `providers` (and the
// step statuses) in the snapshot like core does. Test tooling — never the product.
import { ContractError } from '../../../../main/contract/client';
import type { CallParams, CallResult } from '../../../../main/contract/calls';
import type { CompanionSnapshot, OnboardingStep, SnapshotPatch } from '../../../../main/contract/model';

type ProviderCall =
  | 'onboarding.skipStep'
  | 'providers.openai.connectApiKey'
  | 'providers.openai.startOAuth'
  | 'providers.refresh'
  | 'providers.discord.probe'
  | 'providers.discord.apply'
  | 'providers.discord.logout'
  | 'providers.discord.remove';

interface Host {
  snapshot(): CompanionSnapshot;
  patch(changes: Omit<SnapshotPatch, 'revision'>): void;
}

const ok = (message: string) => ({ ok: true as const, message });

function withStep(snap: CompanionSnapshot, key: OnboardingStep['key'], change: Partial<OnboardingStep>) {
  return {
    ...snap.onboarding,
    steps: snap.onboarding.steps.map((s) => (s.key === key ? { ...s, ...change } : s)),
  };
}

export function fakeProviderHandlers(host: Host): {
  [K in ProviderCall]: (params: CallParams<K>) => CallResult<K>;
} {
  const bot = (accountId: string) => ({
    accountId,
    connectorId: `discord:${accountId}`,
    botId: '123456789012345678',
    botUsername: 'palyra-bot',
    inviteUrl:
      'https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot&permissions=274878024704',
    requiredPermissions: ['View Channels', 'Send Messages'],
    warnings: [],
  });
  const checkToken = (token: string) => {
    if (token.split('.').length !== 3)
      throw new ContractError({
        code: 'discord_token_rejected',
        message: 'Discord did not accept this bot token.',
        hint: 'In the Discord Developer Portal open your application → Bot → Reset Token, copy the new token, paste it and press Check token again.',
      });
  };
  return {
    'onboarding.skipStep': ({ step, skipped }) => {
      host.patch({
        onboarding: withStep(host.snapshot(), step, { status: skipped ? 'skipped' : 'current' }),
      });
      return ok(skipped ? 'Skipped.' : 'Back in the steps.');
    },
    'providers.openai.connectApiKey': ({ apiKey }) => {
      if (!/^sk-.{17,}$/.test(apiKey.trim()))
        throw new ContractError({
          code: 'openai_key_rejected',
          message: 'OpenAI did not accept this API key (the gateway checked it with OpenAI).',
          hint: 'Create a new secret key at platform.openai.com/api-keys, paste it and press Connect again.',
        });
      const snap = host.snapshot();
      const profile = {
        profileId: 'openai-fake',
        profileName: 'OpenAI',
        credentialType: 'api_key' as const,
        isDefault: true,
        health: 'static',
        healthReason: '',
        updatedAtMs: Date.now(),
      };
      host.patch({
        providers: {
          ...snap.providers,
          openai: {
            ...snap.providers.openai,
            available: true,
            defaultProfileId: profile.profileId,
            profiles: [profile],
            lastMessage: 'OpenAI API key profile saved and selected as the default auth profile.',
          },
        },
        onboarding: withStep(snap, 'openai', { status: 'complete' }),
      });
      return ok('OpenAI API key profile saved and selected as the default auth profile.');
    },
    'providers.openai.startOAuth': () => ({
      url: 'https://auth.openai.com/oauth/authorize?state=fake',
      expiresAtMs: Date.now() + 600_000,
    }),
    'providers.refresh': () => ok('Checked the gateway again.'),
    'providers.discord.probe': ({ token, accountId }) => {
      checkToken(token);
      const preflight = bot(accountId ?? 'default');
      const snap = host.snapshot();
      host.patch({ providers: { ...snap.providers, discord: { ...snap.providers.discord, preflight } } });
      return preflight;
    },
    'providers.discord.apply': ({ token, accountId }) => {
      checkToken(token);
      const id = accountId ?? 'default';
      const snap = host.snapshot();
      const account = {
        accountId: id,
        connectorId: `discord:${id}`,
        enabled: true,
        readiness: 'ready',
        liveness: 'running',
        lastError: null,
        botUsername: 'palyra-bot',
      };
      host.patch({
        providers: {
          ...snap.providers,
          discord: { ...snap.providers.discord, available: true, accounts: [account], preflight: bot(id) },
        },
        onboarding: withStep(snap, 'discord', { status: 'complete' }),
      });
      return ok(`Connector discord:${id} enabled for @palyra-bot.`);
    },
    'providers.discord.logout': ({ accountId }) => {
      const snap = host.snapshot();
      const accounts = snap.providers.discord.accounts.map((a) =>
        a.accountId === accountId ? { ...a, enabled: false, liveness: 'stopped' } : a,
      );
      host.patch({ providers: { ...snap.providers, discord: { ...snap.providers.discord, accounts } } });
      return ok(`Connector discord:${accountId} disabled.`);
    },
    'providers.discord.remove': ({ accountId }) => {
      const snap = host.snapshot();
      const accounts = snap.providers.discord.accounts.filter((a) => a.accountId !== accountId);
      host.patch({ providers: { ...snap.providers, discord: { ...snap.providers.discord, accounts } } });
      return ok(`Connector discord:${accountId} removed.`);
    },
  };
}
