// The OpenAI and Discord onboarding steps: the secret fields clear the moment they are sent and the
// snapshot (never the secret) drives what is shown afterwards; errors say what to do; skips call core.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { OnboardingStep } from '../../main/contract/model';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import DiscordStep from '../../tray-ui/src/lib/onboarding/DiscordStep.svelte';
import OpenAiStep from '../../tray-ui/src/lib/onboarding/OpenAiStep.svelte';
import { startStore } from './harness';

const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2';

function fresh() {
  const base = createSampleSnapshot();
  return {
    providers: {
      openai: { ...base.providers.openai, profiles: [], defaultProfileId: null },
      discord: { ...base.providers.discord, accounts: [] },
    },
  };
}

const step = (key: 'openai' | 'discord', status: OnboardingStep['status'] = 'current'): OnboardingStep => ({
  key,
  title: key,
  status,
  detail: '',
  error: null,
  skippable: true,
});

describe('OpenAiStep', () => {
  it('clears the key as soon as it is sent, shows the refusal with its hint, then the new profile', async () => {
    const { client, store } = await startStore(fresh());
    render(OpenAiStep, { store, step: step('openai') });
    const user = userEvent.setup();
    const input = screen.getByLabelText('OpenAI API key');
    expect(input).toHaveAttribute('type', 'password');
    expect(screen.getByText('The gateway has no OpenAI profile yet.')).toBeInTheDocument();
    await user.type(input, 'sk-short');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(input).toHaveValue('');
    expect(await screen.findByRole('alert')).toHaveTextContent('platform.openai.com/api-keys');
    await user.type(input, 'sk-valid-0123456789abcdefghij');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(input).toHaveValue('');
    expect(client.callsOf('providers.openai.connectApiKey')).toEqual([
      { apiKey: 'sk-short' },
      { apiKey: 'sk-valid-0123456789abcdefghij' },
    ]);
    const profiles = within(await screen.findByRole('list', { name: 'OpenAI profiles on the gateway' }));
    expect(profiles.getByText('OpenAI')).toBeInTheDocument();
    expect(profiles.getByText('default')).toBeInTheDocument();
    expect(profiles.getByText('Health: static')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('sk-valid');
  });

  it('offers the OAuth sign-in where the gateway supports it and clears the client secret', async () => {
    const { client, store } = await startStore(fresh());
    render(OpenAiStep, { store, step: step('openai') });
    const user = userEvent.setup();
    await user.click(screen.getByText('Sign in with OAuth instead'));
    await user.type(screen.getByLabelText('OAuth client ID'), 'app-1');
    const secret = screen.getByLabelText('OAuth client secret (optional)');
    await user.type(secret, 'shh-secret');
    await user.click(screen.getByRole('button', { name: 'Open sign-in in the browser' }));
    expect(secret).toHaveValue('');
    expect(client.callsOf('providers.openai.startOAuth')).toEqual([
      { clientId: 'app-1', clientSecret: 'shh-secret' },
    ]);
  });

  it('skips and un-skips through core', async () => {
    const { client, store } = await startStore(fresh());
    const { rerender } = render(OpenAiStep, { store, step: step('openai') });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Skip this step' }));
    await rerender({ store, step: step('openai', 'skipped') });
    expect(screen.getByText(/Skipped\. Palyra works without it/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set it up after all' }));
    expect(client.callsOf('onboarding.skipStep')).toEqual([
      { step: 'openai', skipped: true },
      { step: 'openai', skipped: false },
    ]);
  });
});

describe('DiscordStep', () => {
  it('probes, shows the bot and invite, applies (clearing the token), then logs out and removes', async () => {
    const { client, store } = await startStore(fresh());
    render(DiscordStep, { store, step: step('discord') });
    const user = userEvent.setup();
    const token = screen.getByLabelText('Discord bot token');
    expect(token).toHaveAttribute('type', 'password');
    await user.type(token, 'not-a-token');
    await user.click(screen.getByRole('button', { name: 'Check token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Discord did not accept this bot token.');
    await user.clear(token);
    await user.type(token, BOT_TOKEN);
    await user.click(screen.getByRole('button', { name: 'Check token' }));
    expect(await screen.findByText('Bot: @palyra-bot (id 123456789012345678)')).toBeInTheDocument();
    expect(screen.getByText(/discord\.com\/oauth2\/authorize/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(token).toHaveValue('');
    const accounts = within(await screen.findByRole('list', { name: 'Discord connectors on the gateway' }));
    expect(accounts.getByText('discord:default')).toBeInTheDocument();
    await user.click(accounts.getByRole('button', { name: 'Log out' }));
    await user.click(accounts.getByRole('button', { name: 'Remove' }));
    expect(client.callsOf('providers.discord.logout')).toEqual([{ accountId: 'default' }]);
    expect(client.callsOf('providers.discord.remove')).toEqual([{ accountId: 'default' }]);
    expect(await screen.findByText('No Discord connector yet.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(BOT_TOKEN);
  });
});
