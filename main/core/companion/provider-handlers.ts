// The contract handlers of the provider onboarding steps (OpenAI, Discord) and their skips.
import type { ActionResult, ContractHandlers } from '../../contract/calls';
import type { StateStore } from '../state/state-store';
import { DEFAULT_OPENAI_PROFILE_NAME, type ProviderOnboarding } from './provider-onboarding';

type ProviderCalls =
  | 'onboarding.skipStep'
  | 'providers.openai.connectApiKey'
  | 'providers.openai.startOAuth'
  | 'providers.refresh'
  | 'providers.discord.probe'
  | 'providers.discord.apply'
  | 'providers.discord.logout'
  | 'providers.discord.remove';

const ok = (message: string): ActionResult => ({ ok: true, message });

/** palyrad's default Discord account id (normalize_discord_account_id of "default"). */
const DEFAULT_DISCORD_ACCOUNT = 'default';

export function providerHandlers(
  providers: ProviderOnboarding,
  state: StateStore,
): Pick<ContractHandlers, ProviderCalls> {
  return {
    'onboarding.skipStep': async ({ step, skipped }) => {
      const key = step === 'openai' ? 'openaiSkippedAtMs' : 'discordSkippedAtMs';
      await state.update((s) =>
        (s.onboarding[key] !== null) === skipped
          ? s
          : { ...s, onboarding: { ...s.onboarding, [key]: skipped ? Date.now() : null } },
      );
      const name = step === 'openai' ? 'OpenAI' : 'Discord';
      return ok(
        skipped
          ? `${name} skipped; you can connect it later in Setup.`
          : `${name} is back in the setup steps.`,
      );
    },
    'providers.openai.connectApiKey': async ({ apiKey, profileName, setDefault }) =>
      ok(
        await providers.connectOpenAiKey(
          apiKey,
          profileName ?? DEFAULT_OPENAI_PROFILE_NAME,
          setDefault ?? true,
        ),
      ),
    'providers.openai.startOAuth': ({ clientId, clientSecret, profileName }) =>
      providers.startOpenAiOAuth(
        clientId,
        clientSecret?.trim() || null,
        profileName ?? DEFAULT_OPENAI_PROFILE_NAME,
      ),
    'providers.refresh': async () => ok(await providers.refreshNow()),
    'providers.discord.probe': ({ token, accountId, verifyChannelId }) =>
      providers.probeDiscord(token, accountId ?? DEFAULT_DISCORD_ACCOUNT, verifyChannelId || null),
    'providers.discord.apply': async ({ token, accountId, verifyChannelId }) =>
      ok(await providers.applyDiscord(token, accountId ?? DEFAULT_DISCORD_ACCOUNT, verifyChannelId || null)),
    'providers.discord.logout': async ({ accountId }) =>
      ok(await providers.discordAccount('logout', accountId)),
    'providers.discord.remove': async ({ accountId }) =>
      ok(await providers.discordAccount('remove', accountId)),
  };
}
