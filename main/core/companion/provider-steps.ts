// The live checks of the OpenAI and Discord onboarding steps, from what the gateway reported
// (ProvidersSnapshot). Like every step, nothing is remembered: a profile or connector that breaks
// later turns its step back from done.
import type {
  ActionableError,
  ConnectionSnapshot,
  DiscordProviderView,
  OpenAiProviderView,
} from '../../contract/model';

/** `detailCode` names the detail for the UI's catalogue; `detail` is its English text. */
export type StepCheck = {
  done: boolean;
  detail: string;
  error: ActionableError | null;
  detailCode?: string;
  detailParams?: Record<string, string | number>;
};

export const WAITING: StepCheck = {
  done: false,
  detail: 'Waits for the gateway connection.',
  detailCode: 'waits_for_connection',
  error: null,
};

/** Health states of palyrad's auth health that leave a profile unusable. */
const BROKEN_HEALTH = new Set(['expired', 'missing']);

/** Palyra's own rule (is_openai_ready): a default profile exists and is listed. */
export function openAiCheck(connection: ConnectionSnapshot, view: OpenAiProviderView | undefined): StepCheck {
  if (connection.state !== 'connected' || !view) return WAITING;
  if (view.error) return { done: false, detail: '', error: view.error };
  if (!view.available)
    return {
      done: false,
      detail: 'Reading the gateway’s OpenAI profiles…',
      detailCode: 'openai_reading',
      error: null,
    };
  const chosen = view.profiles.find((p) => p.isDefault);
  if (chosen && BROKEN_HEALTH.has(chosen.health)) {
    return {
      done: false,
      detail: '',
      error: {
        code: 'openai_profile_unhealthy',
        message: `The default OpenAI profile "${chosen.profileName}" is ${chosen.health}${chosen.healthReason ? `: ${chosen.healthReason}` : ''}.`,
        hint: 'Connect a new API key (or sign in with OAuth again) in this step.',
        // `health` is a word the UI translates; `reason` is the gateway's (given: 0 when none).
        params: {
          profile: chosen.profileName,
          health: chosen.health,
          reason: chosen.healthReason ?? '',
          given: chosen.healthReason ? 1 : 0,
        },
      },
    };
  }
  if (chosen) {
    return {
      done: true,
      detail: `Default profile "${chosen.profileName}" (${chosen.credentialType === 'oauth' ? 'OAuth' : 'API key'}, health ${chosen.health}).`,
      // `credential` and `health` are words the UI translates, not text.
      detailCode: 'openai_ready',
      detailParams: {
        profile: chosen.profileName,
        credential: chosen.credentialType === 'oauth' ? 'oauth' : 'api_key',
        health: chosen.health,
      },
      error: null,
    };
  }
  if (view.profiles.length > 0) {
    return {
      done: false,
      detail: 'OpenAI profiles exist but none is the default: connect a key with "Use as default" on.',
      detailCode: 'openai_no_default',
      error: null,
    };
  }
  return {
    done: false,
    detail: 'Paste an OpenAI API key: the gateway checks it with OpenAI and keeps it in its own vault.',
    detailCode: 'openai_paste_key',
    error: null,
  };
}

/** Done once a Discord connector is applied and enabled on the gateway. */
export function discordCheck(
  connection: ConnectionSnapshot,
  view: DiscordProviderView | undefined,
): StepCheck {
  if (connection.state !== 'connected' || !view) return WAITING;
  if (view.error) return { done: false, detail: '', error: view.error };
  if (!view.available)
    return {
      done: false,
      detail: 'Reading the gateway’s channel connectors…',
      detailCode: 'discord_reading',
      error: null,
    };
  const enabled = view.accounts.find((a) => a.enabled);
  if (enabled) {
    const bot = enabled.botUsername ? ` as @${enabled.botUsername}` : '';
    return {
      done: true,
      detail: `Connector ${enabled.connectorId}${bot} is enabled (${enabled.readiness}, ${enabled.liveness}).`,
      // `readiness` and `liveness` are Palyra's state words, which the UI translates.
      detailCode: enabled.botUsername ? 'discord_ready_bot' : 'discord_ready',
      detailParams: {
        connector: enabled.connectorId,
        bot: enabled.botUsername ?? '',
        readiness: enabled.readiness,
        liveness: enabled.liveness,
      },
      error: null,
    };
  }
  return {
    done: false,
    detail: 'Paste your Discord bot token: the gateway checks it with Discord before anything is saved.',
    detailCode: 'discord_paste_token',
    error: null,
  };
}
