// The provider onboarding calls of GatewayClient (provider-api.ts) against the simulator process,
// whose key check goes to a loopback model server like palyrad's does: replies pass the zod
// schemas, palyrad's validation errors come back as actionable GatewayErrors, and the key is never
// echoed in any reply or error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../main/core/gateway';
import { startModelServer, VALID_OPENAI_KEY, type ModelServer } from '../../conformance/support/model-server';
import { clientFor, type RunningSimulator, startSimulator } from './simulator-process';

let model: ModelServer;
let sim: RunningSimulator;

beforeAll(async () => {
  model = await startModelServer();
  sim = await startSimulator({ PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: model.baseUrl });
}, 30_000);

afterAll(async () => {
  await sim?.stop();
  await model?.close();
});

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe('OpenAI connect through the gateway', () => {
  it('rejects a key OpenAI refuses with an actionable error that never contains the key', async () => {
    const client = clientFor(sim);
    const bad = 'sk-wrong-key-0123456789abcdefXYZ';
    const err = await failureOf(
      client.providers.connectOpenAiKey({ apiKey: bad, profileName: 'OpenAI', setDefault: true }),
    );
    expect(err.code).toBe('openai_key_rejected');
    expect(err.status).toBe(400);
    expect(err.hint).toContain('platform.openai.com/api-keys');
    expect(`${err.message} ${err.hint}`).not.toContain(bad);
    expect(model.keyChecks).toBeGreaterThan(0);
  });

  it('answers an empty key with palyrad’s field error', async () => {
    const err = await failureOf(
      clientFor(sim).providers.connectOpenAiKey({ apiKey: '   ', profileName: 'OpenAI', setDefault: true }),
    );
    expect(err.code).toBe('openai_input_invalid');
    expect(err.message).toContain('api_key is required');
  });

  it('saves a valid key as the default profile; state, profiles and health show it, never the key', async () => {
    const client = clientFor(sim);
    const action = await client.providers.connectOpenAiKey({
      apiKey: VALID_OPENAI_KEY,
      profileName: 'Work key',
      setDefault: true,
    });
    expect(action).toMatchObject({ provider: 'openai', action: 'api_key', state: 'selected' });
    expect(action.profile_id).toMatch(/^work-key-[0-9a-z]{26}$/);
    const state = await client.providers.openAiState();
    expect(state.default_profile_id).toBe(action.profile_id);
    expect(state.state).toBe('selected_profile');
    const profiles = await client.providers.authProfiles('openai');
    expect(profiles.map((p) => p.profile_id)).toContain(action.profile_id);
    const health = await client.providers.authHealth();
    expect(health.find((h) => h.profile_id === action.profile_id)?.state).toBe('static');
    const everything = JSON.stringify([state, profiles, health]);
    expect(everything).not.toContain(VALID_OPENAI_KEY);
  });

  it('issues an OAuth attempt whose callback state can be polled', async () => {
    const client = clientFor(sim);
    const missing = await failureOf(
      client.providers.startOpenAiOAuth({
        clientId: ' ',
        clientSecret: null,
        profileName: 'OpenAI',
        setDefault: true,
      }),
    );
    expect(missing.message).toContain('client_id is required');
    const boot = await client.providers.startOpenAiOAuth({
      clientId: 'app-123',
      clientSecret: null,
      profileName: 'OpenAI',
      setDefault: true,
    });
    expect(new URL(boot.authorization_url).searchParams.get('state')).toBe(boot.attempt_id);
    const cb = await client.providers.openAiCallbackState(boot.attempt_id);
    expect(cb.state).toBe('pending');
    const unknown = await failureOf(client.providers.openAiCallbackState('no-such-attempt'));
    expect(unknown.status).toBe(404);
  });
});

describe('Discord connect through the gateway', () => {
  const token = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'x'.repeat(38)}`;

  it('answers palyrad’s validation errors before asking Discord', async () => {
    const client = clientFor(sim);
    const empty = await failureOf(
      client.providers.discordProbe({ token: ' ', accountId: 'default', verifyChannelId: null }),
    );
    expect(empty.code).toBe('discord_input_invalid');
    expect(empty.message).toContain('discord token cannot be empty');
    const channel = await failureOf(
      client.providers.discordProbe({ token, accountId: 'default', verifyChannelId: 'abc' }),
    );
    expect(channel.message).toContain('verify_channel_id must contain only decimal digits');
    const rejected = await failureOf(
      client.providers.discordProbe({ token: 'not-a-token', accountId: 'default', verifyChannelId: null }),
    );
    expect(rejected.code).toBe('discord_token_rejected');
  });

  it('probes, applies, lists, logs out and removes an account', async () => {
    const client = clientFor(sim);
    const preflight = await client.providers.discordProbe({ token, accountId: 'Ops', verifyChannelId: null });
    expect(preflight).toMatchObject({
      account_id: 'ops',
      connector_id: 'discord:ops',
      bot: { id: '123456789012345678' },
    });
    expect(JSON.stringify(preflight)).not.toContain(token);
    const applied = await client.providers.discordApply({ token, accountId: 'ops', verifyChannelId: null });
    expect(applied.applied.connector_id).toBe('discord:ops');
    expect((await client.providers.connectors()).find((c) => c.connector_id === 'discord:ops')?.enabled).toBe(
      true,
    );
    const out = await client.providers.discordAccountAction('logout', 'ops', false);
    expect(out).toMatchObject({ action: 'logout', credential_deleted: true });
    expect((await client.providers.connectors()).find((c) => c.connector_id === 'discord:ops')?.enabled).toBe(
      false,
    );
    await client.providers.discordAccountAction('remove', 'ops', false);
    expect((await client.providers.connectors()).some((c) => c.connector_id === 'discord:ops')).toBe(false);
  });
});
