// The provider steps and the voice settings in Czech: core's provider and voice texts said through
// their codes (the gateway's own words left as they came), Palyra's state words translated, and
// English output exactly core's English.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionableError, OnboardingStep } from '../../../main/contract/model';
import { buildOnboarding, type OnboardingInputs } from '../../../main/core/companion/onboarding-model';
import { createSampleSnapshot } from '../../../tray-ui/src/lib/client/sample-snapshot';
import { setLocale } from '../../../tray-ui/src/lib/i18n';
import { errorText, stepDetail, stepTitle } from '../../../tray-ui/src/lib/i18n/core-text';
import DiscordStep from '../../../tray-ui/src/lib/onboarding/DiscordStep.svelte';
import VoiceSettings from '../../../tray-ui/src/lib/voice/VoiceSettings.svelte';
import { startStore } from '../harness';

afterEach(() => setLocale('en'));

const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2';

const discordStep: OnboardingStep = {
  key: 'discord',
  title: 'Discord connect',
  status: 'current',
  detail: '',
  error: null,
  skippable: true,
};

function inputs(over: Partial<OnboardingInputs> = {}): OnboardingInputs {
  const base = createSampleSnapshot();
  return {
    progress: {
      welcomeAcknowledgedAtMs: 1,
      stateRootConfirmedAtMs: 1,
      completedAtMs: null,
      dashboardHandoffAtMs: null,
      openaiSkippedAtMs: null,
      discordSkippedAtMs: 5,
    },
    binaries: [],
    requiredBinaries: [],
    keychain: base.keychain,
    services: [],
    connection: { ...base.connection, state: 'connected', error: null },
    stateRoot: '/tmp/palyra',
    defaultStateRoot: '/tmp/palyra',
    providers: {
      openai: {
        ...base.providers.openai,
        available: true,
        profiles: [
          {
            profileId: 'p1',
            profileName: 'work',
            credentialType: 'api_key',
            isDefault: true,
            health: 'static',
            healthReason: null,
          },
        ],
      },
      discord: base.providers.discord,
    },
    ...over,
  } as OnboardingInputs;
}

describe('provider and voice texts in Czech', () => {
  it('renders the Discord step after a token check and a refusal in Czech', async () => {
    setLocale('cs');
    const base = createSampleSnapshot();
    const { store } = await startStore({
      providers: { ...base.providers, discord: { ...base.providers.discord, accounts: [] } },
    });
    render(DiscordStep, { store, step: discordStep });
    const user = userEvent.setup();
    const token = screen.getByLabelText('Token bota Discordu');
    await user.type(token, 'not-a-token');
    await user.click(screen.getByRole('button', { name: 'Ověřit token' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Discord tento token bota nepřijal.');
    expect(alert).toHaveTextContent('Reset Token, zkopírujte nový token');
    await user.clear(token);
    await user.type(token, BOT_TOKEN);
    await user.click(screen.getByRole('button', { name: 'Ověřit token' }));
    const preflight = await screen.findByLabelText('Předběžná kontrola Discordu');
    expect(within(preflight).getByText('Bot: @palyra-bot (ID 123456789012345678)')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Check token|did not accept|Invite the bot/);
  });

  it('says the provider steps, their Palyra state words and the skips in Czech', () => {
    setLocale('cs');
    const ready = buildOnboarding(inputs()).steps;
    const byKey = (steps: OnboardingStep[], key: string) => steps.find((s) => s.key === key)!;
    expect(stepTitle(byKey(ready, 'openai'))).toBe('Připojení OpenAI');
    expect(stepTitle(byKey(ready, 'completion'))).toBe('Dokončení');
    expect(stepDetail(byKey(ready, 'openai'))).toBe('Výchozí profil „work“ (API klíč, stav: statický).');
    expect(stepDetail(byKey(ready, 'discord'))).toBe(
      'Přeskočeno: žádný konektor Discordu. Bota tu můžete připojit kdykoli.',
    );
    expect(stepDetail(byKey(ready, 'dashboard'))).toMatch(/^Jednou otevřete dashboard/);
    const withBot = buildOnboarding(
      inputs({
        progress: { ...inputs().progress, discordSkippedAtMs: null },
        providers: {
          ...inputs().providers!,
          discord: {
            ...inputs().providers!.discord,
            available: true,
            accounts: [
              {
                accountId: 'default',
                connectorId: 'discord:default',
                enabled: true,
                readiness: 'missing_credential',
                liveness: 'running',
                lastError: null,
                botUsername: 'helper',
              },
            ],
          },
        },
      }),
    ).steps;
    expect(stepDetail(byKey(withBot, 'discord'))).toBe(
      'Konektor discord:default jako @helper je zapnutý (chybí přihlašovací údaj, běží).',
    );
  });

  it('puts the gateway’s own words into a Czech sentence, and keeps English exactly core’s', () => {
    const unhealthy: ActionableError = {
      code: 'openai_profile_unhealthy',
      message: 'The default OpenAI profile "work" is expired: token revoked.',
      hint: 'Connect a new API key (or sign in with OAuth again) in this step.',
      params: { profile: 'work', health: 'expired', reason: 'token revoked', given: 1 },
    };
    const invalid: ActionableError = {
      code: 'discord_input_invalid',
      message: 'The gateway rejected the request: account_id must not be empty',
      hint: 'Correct the value named above and try again.',
      params: { said: 'account_id must not be empty' },
    };
    setLocale('cs');
    expect(errorText(unhealthy)).toEqual({
      message: 'Výchozí profil OpenAI „work“ nelze použít (stav: vypršel): token revoked.',
      hint: 'V tomto kroku připojte nový API klíč (nebo se znovu přihlaste přes OAuth).',
      external: false,
    });
    expect(errorText(invalid).message).toBe(
      'Brána (palyrad) požadavek odmítla: account_id must not be empty',
    );
    setLocale('en');
    expect(errorText(unhealthy).message).toBe(unhealthy.message);
  });

  it('renders the voice settings in Czech with Czech decimals', async () => {
    setLocale('cs');
    const base = createSampleSnapshot();
    const { store } = await startStore({
      rollout: { ...base.rollout, voice_capture_enabled: true, tts_playback_enabled: true },
    });
    render(VoiceSettings, { store });
    expect(screen.getByRole('heading', { name: 'Hlas' })).toBeInTheDocument();
    expect(screen.getByText(/Zastavit nahrávání po \d+,\d s ticha/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Hlasová aktivita' })).toBeInTheDocument();
    expect(screen.getByText(/Souhlas s mikrofonem udělen \d+\.\s?\d+\.\s?\d+ \d+:\d+/)).toBeInTheDocument();
    // Coded audit entries are said in Czech, their numbers in Czech digits (the no-break space
    // reads as a space to getByText); the sample's oldest entry predates detail codes and keeps
    // the English it was stored with.
    const audit = within(screen.getByRole('list', { name: 'Hlasová aktivita' }));
    expect(audit.getByText('Přepis hotový')).toBeInTheDocument();
    expect(
      audit.getByText('desktop-voice.webm (audio/webm, 21 504 bajtů) přepsala brána (palyrad): 42 znaků'),
    ).toBeInTheDocument();
    expect(audit.getByText('Zastaveno po odmlce, 4,2 s (zachyceno 21 504 bajtů).')).toBeInTheDocument();
    expect(audit.getByText('Nahrávání z mikrofonu Built-in Microphone.')).toBeInTheDocument();
    expect(audit.getByText('Microphone capture allowed.')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(
      /Voice activity|Stop recording|Default microphone|transcript_ready|capture_started|PM|AM/,
    );
  });
});
