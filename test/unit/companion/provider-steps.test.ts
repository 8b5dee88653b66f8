// Palyra's wizard order after "gateway reachable": OpenAI connect, Discord connect, dashboard
// hand-off, completion; the provider steps are live-checked and skippable, skips persisted.
import { describe, expect, it } from 'vitest';
import type { ConnectionSnapshot, ProvidersSnapshot } from '../../../main/contract/model';
import { buildOnboarding } from '../../../main/core/companion/onboarding-model';
import { Redactor } from '../../../main/core/logs/redactor';
import type { OnboardingProgress } from '../../../main/core/state/schema';
import { initialProviders } from '../../../main/core/snapshot/initial-snapshot';
import { sampleService } from '../../../tray-ui/src/lib/client/sample-snapshot';

const connected: ConnectionSnapshot = {
  state: 'connected',
  lastConnectedAtMs: 1,
  nextRetryAtMs: null,
  error: null,
};
const done: OnboardingProgress = {
  welcomeAcknowledgedAtMs: 1,
  stateRootConfirmedAtMs: 1,
  completedAtMs: null,
  openaiSkippedAtMs: null,
  discordSkippedAtMs: null,
  dashboardHandoffAtMs: null,
};

function build(progress: Partial<OnboardingProgress>, providers: ProvidersSnapshot, connection = connected) {
  return buildOnboarding({
    progress: { ...done, ...progress },
    binaries: ['gateway', 'browserd'].map((service) => ({
      service,
      found: true,
      path: `/b/${service}`,
      searched: [],
    })),
    requiredBinaries: ['gateway', 'browserd'],
    keychain: { backend: 'memory', insecure: false, detail: 'demo', error: null },
    services: [sampleService('gateway')],
    connection,
    stateRoot: '/s',
    defaultStateRoot: '/s',
    providers,
  });
}

function withOpenAi(health: string): ProvidersSnapshot {
  const p = initialProviders();
  p.openai = {
    ...p.openai,
    available: true,
    defaultProfileId: 'openai-1',
    profiles: [
      {
        profileId: 'openai-1',
        profileName: 'OpenAI',
        credentialType: 'api_key',
        isDefault: true,
        health,
        healthReason: '',
        updatedAtMs: 1,
      },
    ],
  };
  p.discord = { ...p.discord, available: true };
  return p;
}

const status = (snap: ReturnType<typeof build>, key: string) => snap.steps.find((s) => s.key === key)?.status;

describe('provider onboarding steps', () => {
  it('follows Palyra’s order and stops at OpenAI until a default profile exists', () => {
    const p = initialProviders();
    p.openai.available = true;
    p.discord.available = true;
    const snap = build({}, p);
    expect(snap.steps.map((s) => s.key)).toEqual([
      'welcome',
      'binaries',
      'state_root',
      'keychain',
      'sidecars',
      'gateway',
      'openai',
      'discord',
      'dashboard',
      'completion',
    ]);
    expect(status(snap, 'openai')).toBe('current');
    expect(snap.steps.find((s) => s.key === 'openai')!.skippable).toBe(true);
    expect(snap.steps.find((s) => s.key === 'dashboard')!.skippable).toBeUndefined();
    expect(status(snap, 'completion')).toBe('pending');
    expect(snap.completed).toBe(false);
  });

  it('is done with a healthy default profile, blocked with an expired one (and says what to do)', () => {
    expect(status(build({}, withOpenAi('static')), 'openai')).toBe('complete');
    const broken = build({}, withOpenAi('expired')).steps.find((s) => s.key === 'openai')!;
    expect(broken.status).toBe('blocked');
    expect(broken.error?.hint).toContain('Connect a new API key');
  });

  it('skips are persisted choices; completion needs the hand-off too', () => {
    const p = initialProviders();
    p.openai.available = true;
    p.discord.available = true;
    const skipped = build({ openaiSkippedAtMs: 5, discordSkippedAtMs: 6 }, p);
    expect(status(skipped, 'openai')).toBe('skipped');
    expect(status(skipped, 'discord')).toBe('skipped');
    expect(status(skipped, 'dashboard')).toBe('current');
    expect(skipped.completed).toBe(false);
    const finished = build({ openaiSkippedAtMs: 5, discordSkippedAtMs: 6, dashboardHandoffAtMs: 7 }, p);
    expect(status(finished, 'completion')).toBe('complete');
    expect(finished.completed).toBe(true);
  });

  it('Discord is done once an enabled connector exists, and names it', () => {
    const p = withOpenAi('static');
    p.discord.accounts = [
      {
        accountId: 'default',
        connectorId: 'discord:default',
        enabled: true,
        readiness: 'ready',
        liveness: 'running',
        lastError: null,
        botUsername: 'palyra-bot',
      },
    ];
    const step = build({}, p).steps.find((s) => s.key === 'discord')!;
    expect(step.status).toBe('complete');
    expect(step.detail).toContain('discord:default as @palyra-bot');
  });

  it('waits calmly while the gateway is not connected', () => {
    const snap = build({}, initialProviders(), { ...connected, state: 'reconnecting' });
    expect(snap.steps.find((s) => s.key === 'openai')!.detail).toBe('Waits for the gateway connection.');
    expect(snap.steps.find((s) => s.key === 'openai')!.error).toBeNull();
  });
});

describe('redaction of provider secrets', () => {
  it('removes OpenAI keys and Discord bot tokens from log lines', () => {
    const r = new Redactor();
    const discord = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'a1B2'.repeat(9)}`;
    const out = r.redact(`validating sk-proj-abcDEF0123456789xyz and ${discord} now`);
    expect(out).toBe('validating <redacted> and <redacted> now');
    expect(r.redact('skip the sk- prefix check')).toBe('skip the sk- prefix check');
  });
});
