// Settings → Voice: the microphone list from the browser, consent withdrawn, the silence toggle
// behind its flag, the reading voice and mute, and the audit log (newest first, remote or local,
// a compact age with the full time as its title).
import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../tray-ui/src/lib/time-format';
import type { CompanionSnapshot } from '../../main/contract/model';
import type { VoiceSnapshot } from '../../main/contract/voice';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import VoiceSettings from '../../tray-ui/src/lib/voice/VoiceSettings.svelte';
import { startStore } from './harness';
import { installMediaDevices, installSpeech, uninstallMediaDevices, uninstallSpeech } from './voice-fakes';

const sample = createSampleSnapshot();

async function open(rollout: Partial<CompanionSnapshot['rollout']> = {}, voice: Partial<VoiceSnapshot> = {}) {
  const started = await startStore({
    rollout: { ...sample.rollout, voice_capture_enabled: true, tts_playback_enabled: true, ...rollout },
    voice: { ...sample.voice, ...voice },
  });
  render(VoiceSettings, { store: started.store });
  return started;
}

const section = () => within(screen.getByRole('region', { name: 'Voice' }));

describe('VoiceSettings', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    uninstallMediaDevices();
    uninstallSpeech();
  });

  it('is hidden while neither voice flag is on', async () => {
    await open({ voice_capture_enabled: false, tts_playback_enabled: false });
    expect(screen.queryByRole('heading', { name: 'Voice' })).toBeNull();
  });

  it('lists the microphones the browser reports and saves the choice with an audit entry', async () => {
    installMediaDevices([
      { deviceId: 'default', kind: 'audioinput', label: 'Default', groupId: 'g' },
      { deviceId: 'mic-builtin', kind: 'audioinput', label: 'Built-in Microphone', groupId: 'g1' },
      { deviceId: 'mic-usb', kind: 'audioinput', label: 'USB Headset', groupId: 'g2' },
      { deviceId: 'mic-nolabel', kind: 'audioinput', label: '', groupId: 'g3' },
      { deviceId: 'cam', kind: 'videoinput', label: 'Camera', groupId: 'g4' },
      { deviceId: 'spk', kind: 'audiooutput', label: 'Speakers', groupId: 'g5' },
    ]);
    const { client } = await open();
    const select = section().getByRole<HTMLSelectElement>('combobox', { name: 'Microphone' });
    await vi.waitFor(() =>
      expect([...select.options].map((o) => o.text)).toEqual([
        'System default microphone',
        'Built-in Microphone',
        'USB Headset',
        'Microphone 3',
      ]),
    );
    expect(select.value).toBe('mic-builtin');

    const user = userEvent.setup();
    await user.selectOptions(select, 'mic-usb');
    expect(client.callsOf('voice.update').at(-1)).toEqual({
      inputDevice: { id: 'mic-usb', label: 'USB Headset' },
      audit: { kind: 'input_device_selected', detail: 'USB Headset' },
    });
    await vi.waitFor(() => expect(client.snapshot.voice.inputDeviceLabel).toBe('USB Headset'));

    await user.selectOptions(select, '');
    expect(client.callsOf('voice.update').at(-1)).toEqual({
      inputDevice: null,
      audit: {
        kind: 'input_device_selected',
        detail: 'System default microphone',
        detailCode: 'input_device_default',
      },
    });
  });

  it('keeps showing a chosen microphone that is unplugged, by its saved label', async () => {
    installMediaDevices([]);
    await open({}, { inputDeviceId: 'mic-gone', inputDeviceLabel: 'Old USB mic' });
    const select = section().getByRole<HTMLSelectElement>('combobox', { name: 'Microphone' });
    expect(select.value).toBe('mic-gone');
    expect(select.selectedOptions[0]?.text).toBe('Old USB mic');
  });

  it('withdraws consent and records that in the audit log', async () => {
    installMediaDevices([]);
    const { client } = await open({}, { captureConsentAtMs: Date.UTC(2026, 0, 2, 3, 4) });
    expect(section().getByText(/^Microphone consent given/)).toBeInTheDocument();
    await userEvent.setup().click(section().getByRole('button', { name: 'Withdraw consent' }));
    expect(client.callsOf('voice.update').at(-1)).toEqual({
      captureConsent: false,
      audit: {
        kind: 'consent_revoked',
        detail: 'Microphone consent withdrawn.',
        detailCode: 'consent_revoked',
      },
    });
    expect(await section().findByText(/^Microphone consent not given yet/)).toBeInTheDocument();
    expect(section().queryByRole('button', { name: 'Withdraw consent' })).toBeNull();
    expect(client.snapshot.voice.captureConsentAtMs).toBeNull();
  });

  it('offers the silence stop only with its rollout flag', async () => {
    const { client } = await open({ voice_silence_detection_enabled: false });
    const toggle = section().getByRole('switch', { name: 'Stop recording after 1.8 s of silence' });
    expect(toggle).toBeDisabled();
    expect(section().getByText('Needs the "Voice silence detection" rollout flag.')).toBeInTheDocument();
    client.patch({ rollout: { ...client.snapshot.rollout, voice_silence_detection_enabled: true } });
    await vi.waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.setup().click(toggle);
    expect(client.callsOf('voice.update').at(-1)).toMatchObject({
      silenceDetectionEnabled: true,
      audit: {
        kind: 'silence_detection_enabled',
        detail: 'Silence stop after 1.8 s.',
        detailCode: 'silence_detection',
        detailParams: { seconds: 1.8 },
      },
    });
  });

  it('lists the platform voices, marks network ones, and saves the voice and mute', async () => {
    installSpeech([
      { voiceURI: 'espeak-en', name: 'English', lang: 'en-GB', localService: true, default: true },
      { voiceURI: 'net-us', name: 'Cloud US', lang: 'en-US', localService: false, default: false },
    ]);
    const { client } = await open();
    const select = section().getByRole<HTMLSelectElement>('combobox', { name: 'Reading voice' });
    expect([...select.options].map((o) => o.text)).toEqual([
      'System default voice',
      'English (en-GB)',
      'Cloud US (en-US) · network',
    ]);
    const user = userEvent.setup();
    await user.selectOptions(select, 'net-us');
    expect(client.callsOf('voice.update').at(-1)).toEqual({
      voice: { uri: 'net-us', label: 'Cloud US (en-US)' },
      audit: { kind: 'tts_voice_selected', detail: 'Cloud US (en-US)' },
    });
    await user.click(section().getByRole('switch', { name: 'Mute spoken replies' }));
    expect(client.callsOf('voice.update').at(-1)).toEqual({
      ttsMuted: true,
      audit: { kind: 'tts_muted', detail: 'Spoken replies muted.', detailCode: 'tts_muted' },
    });
    await vi.waitFor(() => expect(client.snapshot.voice.ttsMuted).toBe(true));
  });

  it('shows the audit log newest first: what, where it was processed, device, age with the full time', async () => {
    const now = Date.UTC(2026, 11, 4, 18, 0, 0);
    vi.useFakeTimers({ now, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const entry = (id: string, agoMs: number, over: Partial<VoiceSnapshot['auditLog'][number]>) => ({
      id,
      kind: 'capture_started' as const,
      detail: `detail ${id}`,
      createdAtMs: now - agoMs,
      sessionId: null,
      remoteProcessing: false,
      ttsPlayback: false,
      inputDeviceLabel: null,
      outputVoiceLabel: null,
      ...over,
    });
    await open(
      {},
      {
        auditLog: [
          entry('old', 3 * 86_400_000, { kind: 'consent_granted' }),
          entry('mid', 2 * 60_000, { inputDeviceLabel: 'USB Headset' }),
          entry('new', 5_000, {
            kind: 'transcript_ready',
            remoteProcessing: true,
            inputDeviceLabel: 'USB Headset',
          }),
        ],
      },
    );
    const items = within(section().getByRole('list', { name: 'Voice activity' })).getAllByRole('listitem');
    // Each kind in words, Palyra's name kept on the element for tools and tests.
    expect(items.map((li) => li.querySelector('.kind')?.textContent)).toEqual([
      'Transcript ready',
      'Recording started',
      'Microphone allowed',
    ]);
    expect(items.map((li) => li.querySelector('.kind')?.getAttribute('data-kind'))).toEqual([
      'transcript_ready',
      'capture_started',
      'consent_granted',
    ]);
    expect(items[0]).toHaveTextContent('processed remotely');
    expect(items[0]).toHaveTextContent('Microphone: USB Headset.');
    expect(items[1]).toHaveTextContent('on this device');
    expect(items[2]).not.toHaveTextContent('Microphone:');

    const ages = items.map((li) => li.querySelector('time'));
    expect(ages.map((a) => a?.textContent)).toEqual(['5s ago', '2m ago', '3d ago']);
    const full = new Date(now - 5_000);
    // The full time is written in the UI's language (English here), not the browser's default.
    expect(ages[0]).toHaveAttribute('title', formatDateTime(full.getTime()));
    expect(ages[0]).toHaveAttribute('datetime', full.toISOString());

    // The ages stay current while the list is shown.
    vi.advanceTimersByTime(60_000);
    await vi.waitFor(() => expect(ages[0]).toHaveTextContent('1m ago'));
  });

  it('says when nothing was recorded yet', async () => {
    await open({}, { auditLog: [] });
    expect(section().getByText('Nothing recorded or read aloud yet.')).toBeInTheDocument();
  });
});
