// "Read aloud" with a fake speechSynthesis: the chosen voice speaks the latest reply, mute disables
// it, consent is asked once, and a network voice is audited as processed remotely.
import '@testing-library/jest-dom/vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CompanionSnapshot } from '../../main/contract/model';
import type { VoiceSnapshot } from '../../main/contract/voice';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import ChatView from '../../tray-ui/src/lib/views/ChatView.svelte';
import { startStore } from './harness';
import { installSpeech, uninstallSpeech, type FakeVoice } from './voice-fakes';

const sample = createSampleSnapshot();
const LATEST = 'Here is a first draft: fixed reconnect backoff, added offline drafts.';
const local: FakeVoice = {
  voiceURI: 'espeak-en',
  name: 'English',
  lang: 'en-GB',
  localService: true,
  default: true,
};
const network: FakeVoice = {
  voiceURI: 'Google US English',
  name: 'Google US English',
  lang: 'en-US',
  localService: false,
  default: false,
};

async function open(voice: Partial<VoiceSnapshot>, rollout: Partial<CompanionSnapshot['rollout']> = {}) {
  const started = await startStore({
    rollout: { ...sample.rollout, tts_playback_enabled: true, ...rollout },
    voice: { ...sample.voice, ...voice },
  });
  render(ChatView, { store: started.store });
  return started;
}

type Audit = {
  ttsConsent?: boolean;
  audit?: { kind: string; remoteProcessing?: boolean; ttsPlayback?: boolean };
};
const audits = (calls: unknown[]) => (calls as Audit[]).map((c) => c.audit);
const readAloud = () => screen.getByRole('button', { name: 'Read aloud' });

describe('SpeakReply', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    uninstallSpeech();
  });

  it('is hidden while the tts_playback_enabled flag is off', async () => {
    installSpeech([local]);
    await open({}, { tts_playback_enabled: false });
    expect(screen.queryByRole('button', { name: 'Read aloud' })).toBeNull();
  });

  it('asks for consent once, then reads the latest reply with the chosen local voice', async () => {
    const synth = installSpeech([local, network]);
    const { client } = await open({
      ttsConsentAtMs: null,
      voiceUri: 'espeak-en',
      voiceLabel: 'English (en-GB)',
    });
    await fireEvent.click(readAloud());
    expect(await screen.findByRole('dialog', { name: 'Read replies aloud?' })).toBeInTheDocument();
    expect(synth.spoken).toEqual([]);

    await fireEvent.click(screen.getByRole('button', { name: 'Allow' }));
    await vi.waitFor(() => expect(synth.spoken).toHaveLength(1));
    const utterance = synth.spoken[0]!;
    expect(utterance.text).toBe(LATEST);
    expect(utterance.voice).toBe(local);
    expect(utterance.lang).toBe('en-GB');
    expect(await screen.findByRole('button', { name: 'Stop reading' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    synth.finish();
    await screen.findByRole('button', { name: 'Read aloud' });
    await vi.waitFor(() => expect(client.callsOf('voice.update')).toHaveLength(3));
    const calls = client.callsOf('voice.update') as Audit[];
    expect(calls[0]).toMatchObject({ ttsConsent: true, audit: { kind: 'tts_consent_granted' } });
    expect(audits(calls.slice(1))).toEqual([
      expect.objectContaining({ kind: 'tts_started', remoteProcessing: false, ttsPlayback: true }),
      expect.objectContaining({ kind: 'tts_finished', remoteProcessing: false, ttsPlayback: true }),
    ]);
    expect(client.snapshot.voice.ttsConsentAtMs).not.toBeNull();

    // Asked once: the second time it speaks at once.
    await fireEvent.click(readAloud());
    await vi.waitFor(() => expect(synth.spoken).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((client.callsOf('voice.update') as Audit[]).filter((c) => c.ttsConsent)).toHaveLength(1);
  });

  it('audits a network voice as processed remotely', async () => {
    const synth = installSpeech([local, network]);
    const { client } = await open({ ttsConsentAtMs: 1, voiceUri: 'Google US English' });
    await fireEvent.click(readAloud());
    await vi.waitFor(() => expect(synth.spoken).toHaveLength(1));
    expect(synth.spoken[0]!.voice).toBe(network);
    synth.finish();
    await vi.waitFor(() => expect(client.callsOf('voice.update')).toHaveLength(2));
    expect(audits(client.callsOf('voice.update'))).toEqual([
      expect.objectContaining({ kind: 'tts_started', remoteProcessing: true }),
      expect.objectContaining({ kind: 'tts_finished', remoteProcessing: true }),
    ]);
  });

  it('uses the platform default voice when none is chosen or the chosen one is gone', async () => {
    const synth = installSpeech([local]);
    await open({ ttsConsentAtMs: 1, voiceUri: 'uninstalled-voice' });
    await fireEvent.click(readAloud());
    await vi.waitFor(() => expect(synth.spoken).toHaveLength(1));
    expect(synth.spoken[0]!.voice).toBeNull();
  });

  it('is disabled while muted, and says why', async () => {
    const synth = installSpeech([local]);
    await open({ ttsConsentAtMs: 1, ttsMuted: true });
    expect(readAloud()).toBeDisabled();
    expect(readAloud()).toHaveAttribute('title', 'Spoken replies are muted in Settings → Voice.');
    await userEvent.setup().click(readAloud());
    expect(synth.spoken).toEqual([]);
  });

  it('Stop reading cancels the speech without reporting a failure', async () => {
    const synth = installSpeech([local]);
    const { client } = await open({ ttsConsentAtMs: 1 });
    await fireEvent.click(readAloud());
    await fireEvent.click(await screen.findByRole('button', { name: 'Stop reading' }));
    expect(synth.cancels).toBeGreaterThan(1); // one before speaking, one to stop
    await screen.findByRole('button', { name: 'Read aloud' });
    expect(screen.queryByRole('alert')).toBeNull();
    await vi.waitFor(() =>
      expect(audits(client.callsOf('voice.update')).map((a) => a?.kind)).toEqual([
        'tts_started',
        'tts_finished',
      ]),
    );
  });

  it('a synthesis error is shown and audited', async () => {
    const synth = installSpeech([local]);
    const { client } = await open({ ttsConsentAtMs: 1 });
    await fireEvent.click(readAloud());
    await vi.waitFor(() => expect(synth.spoken).toHaveLength(1));
    synth.fail('synthesis-failed');
    expect(
      await screen.findByText('The reply could not be read aloud: synthesis-failed.'),
    ).toBeInTheDocument();
    await vi.waitFor(() =>
      expect(audits(client.callsOf('voice.update')).map((a) => a?.kind)).toEqual([
        'tts_started',
        'tts_failed',
      ]),
    );
  });

  it('says so when this window has no speech synthesis', async () => {
    await open({ ttsConsentAtMs: 1 });
    await fireEvent.click(readAloud());
    expect(await screen.findByText('Speech synthesis is not available here.')).toBeInTheDocument();
  });
});
