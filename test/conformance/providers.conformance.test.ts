// Issue #10 point 2 on both targets: the onboarding's OpenAI and Discord steps, driven through the
// product (core + headless host) against the simulator and, when configured, the real palyrad.
// palyrad checks an OpenAI key with GET <base_url>/models: the base URL is the tests' own loopback
// model server, which accepts exactly one key. Discord cannot be reached from this machine: the real
// palyrad's probe fails to reach discord.com, and the simulator is told to behave the same
// (PALYRA_SIM_DISCORD=unreachable); the operator must get an actionable error either way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for';
import { startModelServer, VALID_OPENAI_KEY, type ModelServer } from './support/model-server';
import { conformanceTargets, startTarget, waitHealthy, type RunningTarget } from './support/palyra-target';

const targets = conformanceTargets();
/** A bot token of Discord's shape (snowflake id, timestamp, HMAC); Discord itself is unreachable. */
const BOT_TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'a1B2c3D4e5'.repeat(4)}`;

describe.each(targets)('Palyra providers onboarding conformance: $title', ({ kind, skip }) => {
  let model: ModelServer | null = null;
  let target: RunningTarget | null = null;
  let configHome = '';

  beforeAll(async () => {
    if (skip) return;
    model = await startModelServer();
    // palyrad writes the default-profile selection into its config file: keep it in a temp dir.
    configHome = mkdtempSync(join(tmpdir(), 'providers-config-'));
    target = await startTarget(kind, {
      ...model.env,
      XDG_CONFIG_HOME: configHome,
      PALYRA_SIM_DISCORD: 'unreachable',
    });
    await waitHealthy(target);
    // The operator's own first steps, so the wizard reaches the provider steps.
    await target.call('onboarding.acknowledgeWelcome', {});
    await target.call('onboarding.setStateRoot', { path: null });
  }, 180_000);

  afterAll(async () => {
    await target?.stop();
    await model?.close();
    if (configHome) rmSync(configHome, { recursive: true, force: true });
  }, 60_000);

  it.skipIf(skip)('OpenAI: a refused key and an empty key get actionable errors, nothing saved', async () => {
    const refused = await target!.callError('providers.openai.connectApiKey', {
      apiKey: 'sk-refused-0123456789abcdefghij',
    });
    expect(refused).toContain('OpenAI did not accept this API key');
    expect(refused).not.toContain('sk-refused');
    expect(model!.keyChecks).toBeGreaterThan(0);
    const empty = await target!.callError('providers.openai.connectApiKey', { apiKey: '  ' });
    expect(empty).toContain('api_key is required');
    const snap = await target!.snapshot();
    expect(snap.providers.openai.profiles).toEqual([]);
    expect(snap.onboarding.steps.find((s) => s.key === 'openai')?.status).toBe('current');
  });

  it.skipIf(skip)(
    'OpenAI: a valid key becomes the default profile with its health; the key is nowhere',
    async () => {
      await target!.call('providers.openai.connectApiKey', { apiKey: VALID_OPENAI_KEY });
      const snap = await waitFor(
        async () => {
          const s = await target!.snapshot();
          return s.onboarding.steps.find((step) => step.key === 'openai')?.status === 'complete' ? s : null;
        },
        'the OpenAI step done',
        20_000,
      );
      const profile = snap.providers.openai.profiles.find((p) => p.isDefault)!;
      expect(profile).toMatchObject({ profileName: 'OpenAI', credentialType: 'api_key' });
      expect(profile.health).not.toBe('unknown');
      expect(snap.providers.openai.defaultProfileId).toBe(profile.profileId);
      expect(JSON.stringify(snap)).not.toContain(VALID_OPENAI_KEY);
      const logs = await target!.call('logs.get', { limit: 5000 });
      expect(JSON.stringify(logs)).not.toContain(VALID_OPENAI_KEY);
      const stateFile = readFileSync(join(target!.stateRoot, 'companion', 'state.json'), 'utf8');
      expect(stateFile).not.toContain(VALID_OPENAI_KEY);
      // What the gateway itself holds: a profile with a vault reference, not the key.
      const console = await target!.console();
      const listed = await console.request('GET', '/console/v1/auth/profiles?provider_kind=openai&limit=100');
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain(VALID_OPENAI_KEY);
    },
  );

  it.skipIf(skip)(
    'OpenAI OAuth: bootstrap without a client id is refused; with one, an attempt to poll',
    async () => {
      const missing = await target!.callError('providers.openai.startOAuth', { clientId: '' });
      expect(missing).toContain('client_id is required');
      const started = await target!.call('providers.openai.startOAuth', { clientId: 'conformance-client' });
      expect(new URL(started.url).protocol).toBe('https:');
      const snap = await target!.snapshot();
      expect(snap.providers.openai.oauth?.state).toBe('pending');
      const console = await target!.console();
      const state = await console.request(
        'GET',
        `/console/v1/auth/providers/openai/callback-state?attempt_id=${snap.providers.openai.oauth!.attemptId}`,
      );
      expect(state.status).toBe(200);
      expect(state.body.state).toBe('pending');
    },
  );

  it.skipIf(skip)(
    'Discord: palyrad’s validation first, then an actionable error when discord.com is unreachable',
    async () => {
      expect(await target!.callError('providers.discord.probe', { token: ' ' })).toContain(
        'discord token cannot be empty',
      );
      expect(
        await target!.callError('providers.discord.probe', { token: BOT_TOKEN, verifyChannelId: '12ab' }),
      ).toContain('verify_channel_id must contain only decimal digits');
      expect(
        await target!.callError('providers.discord.probe', { token: BOT_TOKEN, accountId: 'bad id!' }),
      ).toMatch(/account_id/i);
      for (const call of ['providers.discord.probe', 'providers.discord.apply'] as const) {
        const unreachable = await target!.callError(call, { token: BOT_TOKEN });
        expect(unreachable).toContain('could not reach Discord (discord.com)');
        expect(unreachable).not.toContain(BOT_TOKEN);
      }
      const snap = await target!.snapshot();
      expect(snap.providers.discord.accounts.filter((a) => a.enabled)).toEqual([]);
      expect(JSON.stringify(snap)).not.toContain(BOT_TOKEN);
    },
  );

  it.skipIf(skip)(
    'Discord: logging out or removing an account the gateway does not have fails visibly',
    async () => {
      const console = await target!.console();
      for (const action of ['logout', 'remove']) {
        const reply = await console.request(
          'POST',
          `/console/v1/channels/discord/accounts/nobody/${action}`,
          {},
        );
        expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
        expect(typeof reply.body.error).toBe('string');
        expect(
          await target!.callError(`providers.discord.${action}` as 'providers.discord.logout', {
            accountId: 'nobody',
          }),
        ).not.toBeNull();
      }
    },
  );

  it.skipIf(skip)('skips persist; the dashboard hand-off completes the wizard', async () => {
    await target!.call('onboarding.skipStep', { step: 'discord', skipped: true });
    await target!.call('dashboard.open', {});
    const snap = await waitFor(
      async () => {
        const s = await target!.snapshot();
        return s.onboarding.completed ? s : null;
      },
      'onboarding completed',
      20_000,
    );
    expect(snap.onboarding.steps.map((s) => [s.key, s.status]).slice(-4)).toEqual([
      ['openai', 'complete'],
      ['discord', 'skipped'],
      ['dashboard', 'complete'],
      ['completion', 'complete'],
    ]);
    const state = JSON.parse(readFileSync(join(target!.stateRoot, 'companion', 'state.json'), 'utf8')) as {
      onboarding: Record<string, unknown>;
    };
    expect(state.onboarding.discordSkippedAtMs).toEqual(expect.any(Number));
    expect(state.onboarding.dashboardHandoffAtMs).toEqual(expect.any(Number));
  });
});
