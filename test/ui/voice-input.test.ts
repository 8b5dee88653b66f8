// Voice input in quick chat with a fake microphone: hidden without the rollout flag, consent asked
// once, stop on silence (Palyra's rule: the level read every 200 ms, an RMS under 0.015 for the
// silence timeout), the size stop, one message per microphone error, and the transcript put into
// the composer without sending anything.
import '@testing-library/jest-dom/vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_VOICE_AUDIO_BASE64, type VoiceSnapshot } from '../../main/contract/voice';
import type { CompanionSnapshot } from '../../main/contract/model';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import ChatView from '../../tray-ui/src/lib/views/ChatView.svelte';
import { startStore } from './harness';
import {
  domError,
  FakeAudioContext,
  FakeMediaRecorder,
  installMediaDevices,
  microphone,
  uninstallMediaDevices,
} from './voice-fakes';

const sample = createSampleSnapshot();

function snapshotWith(
  rollout: Partial<CompanionSnapshot['rollout']>,
  voice: Partial<VoiceSnapshot> = {},
): Partial<CompanionSnapshot> {
  return {
    rollout: { ...sample.rollout, voice_capture_enabled: true, ...rollout },
    voice: { ...sample.voice, ...voice },
  };
}

async function open(rollout: Partial<CompanionSnapshot['rollout']> = {}, voice: Partial<VoiceSnapshot> = {}) {
  const started = await startStore(snapshotWith(rollout, voice));
  render(ChatView, { store: started.store });
  return started;
}

const speakButton = () => screen.getByRole('button', { name: 'Speak' });
const composer = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

/** Presses Speak and waits until the recorder runs. */
async function startRecording(): Promise<FakeMediaRecorder> {
  await fireEvent.click(speakButton());
  await screen.findByRole('button', { name: 'Stop recording' });
  const recorder = FakeMediaRecorder.instances.at(-1);
  if (!recorder) throw new Error('no MediaRecorder was made');
  expect(recorder.state).toBe('recording');
  return recorder;
}

function auditKinds(calls: unknown[]): string[] {
  return calls.flatMap((p) => {
    const audit = (p as { audit?: { kind: string } }).audit;
    return audit ? [audit.kind] : [];
  });
}

describe('VoiceInput', () => {
  let media: ReturnType<typeof installMediaDevices>;
  beforeEach(() => {
    media = installMediaDevices([
      { deviceId: 'mic-builtin', kind: 'audioinput', label: 'Built-in Microphone', groupId: 'g1' },
    ]);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    uninstallMediaDevices();
  });

  it('is hidden while the voice_capture_enabled flag is off', async () => {
    await open({ voice_capture_enabled: false });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Speak' })).toBeNull();
  });

  it('asks for consent once, records it, and does not open the microphone before', async () => {
    const { client } = await open({}, { captureConsentAtMs: null });
    await fireEvent.click(speakButton());
    const dialog = await screen.findByRole('dialog', { name: 'Use the microphone for voice messages?' });
    expect(media.getUserMedia).not.toHaveBeenCalled();
    expect(speakButton()).toBeDisabled();

    await fireEvent.click(screen.getByRole('button', { name: 'Allow' }));
    await screen.findByRole('button', { name: 'Stop recording' });
    expect(dialog).not.toBeInTheDocument();
    expect(client.callsOf('voice.update')[0]).toMatchObject({
      captureConsent: true,
      audit: { kind: 'consent_granted' },
    });
    expect(client.snapshot.voice.captureConsentAtMs).not.toBeNull();
    // The chosen microphone is asked for by id, with noise suppression.
    expect(media.getUserMedia).toHaveBeenCalledWith({
      audio: { noiseSuppression: true, echoCancellation: true, deviceId: { exact: 'mic-builtin' } },
    });

    await fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    await expect.poll(() => composer().value).toBe('Summarise the open approvals');
    // The second time: no question, straight to recording.
    await startRecording();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.callsOf('voice.update').filter((p) => 'captureConsent' in (p as object))).toHaveLength(1);
  });

  it('cancelling the consent question records nothing and opens no microphone', async () => {
    const { client } = await open({}, { captureConsentAtMs: null });
    await fireEvent.click(speakButton());
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.callsOf('voice.update')).toEqual([]);
    expect(media.getUserMedia).not.toHaveBeenCalled();
  });

  it('puts the transcript into the composer after what was typed, and sends nothing until Send', async () => {
    const { client } = await open();
    client.transcriptText = 'and list the failing runs';
    const user = userEvent.setup();
    await user.type(composer(), 'Check the gateway');
    const recorder = await startRecording();
    recorder.emitData(900);
    await user.click(screen.getByRole('button', { name: 'Stop recording' }));
    await expect.poll(() => composer().value).toBe('Check the gateway and list the failing runs');
    expect(client.callsOf('chat.send')).toEqual([]);
    const [upload] = client.callsOf('voice.transcribe') as {
      contentType: string;
      filename: string;
      audioBase64: string;
      sessionId: string;
    }[];
    expect(upload).toMatchObject({ contentType: 'audio/webm;codecs=opus', sessionId: 'sess-main' });
    expect(upload?.filename).toMatch(/^desktop-voice-\d+\.webm$/);
    expect(atob(upload?.audioBase64 ?? '')).toHaveLength(900 + recorder.tailBytes);
    // The microphone is released once the recording ends.
    expect(recorder.stream.tracks.every((t) => t.stopped)).toBe(true);
    expect(FakeAudioContext.instances.at(-1)?.closed).toBe(true);
    expect(auditKinds(client.callsOf('voice.update'))).toEqual(['capture_started', 'capture_stopped']);

    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(client.callsOf('chat.send')).toEqual([
      { sessionId: 'sess-main', text: 'Check the gateway and list the failing runs' },
    ]);
  });

  it('stops after the RMS stays under 0.015 for the silence timeout, checked every 200 ms', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const { client } = await open(
      { voice_silence_detection_enabled: true },
      { silenceDetectionEnabled: true, silenceTimeoutMs: 1_800 },
    );
    const recorder = await startRecording();
    expect(
      screen.getByText('It stops by itself after a pause; press Stop to end sooner.'),
    ).toBeInTheDocument();
    microphone.level = 0.2;
    const meter = screen.getByRole<HTMLMeterElement>('meter', { name: 'Microphone level' });
    vi.advanceTimersByTime(199);
    flushSync();
    expect(meter.value).toBe(0); // not sampled yet: every 200 ms
    vi.advanceTimersByTime(1);
    flushSync();
    expect(meter.value).toBeCloseTo(0.2);
    vi.advanceTimersByTime(800);
    expect(recorder.state).toBe('recording');

    microphone.level = 0.014; // just under the threshold
    vi.advanceTimersByTime(1_600); // first quiet sample at +200 ms, so 1.4 s of silence so far
    expect(recorder.state).toBe('recording');
    microphone.level = 0.016; // one sample just over it: the silence starts again
    vi.advanceTimersByTime(200);
    microphone.level = 0.01;
    vi.advanceTimersByTime(1_800);
    expect(recorder.state).toBe('recording');
    vi.advanceTimersByTime(200);
    expect(recorder.state).toBe('inactive');

    await expect.poll(() => composer().value).toBe('Summarise the open approvals');
    expect(auditKinds(client.callsOf('voice.update'))).toEqual([
      'capture_started',
      'capture_stopped_silence',
    ]);
  });

  it('does not stop on silence while the toggle or the rollout flag is off', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    await open({ voice_silence_detection_enabled: false }, { silenceDetectionEnabled: true });
    const recorder = await startRecording();
    expect(screen.getByText('Press Stop recording when you are done.')).toBeInTheDocument();
    microphone.level = 0;
    vi.advanceTimersByTime(10_000);
    expect(recorder.state).toBe('recording');
  });

  it('stops at the size limit, and what it sends still fits the contract', async () => {
    const { client } = await open();
    const recorder = await startRecording();
    // 32 kbit/s in 250 ms slices is about 1000 bytes a slice; the last slice arrives after stop.
    recorder.tailBytes = 1_000;
    let slices = 0;
    while (recorder.state === 'recording' && slices < 200) {
      recorder.emitData(1_000);
      slices += 1;
    }
    expect(recorder.state).toBe('inactive');
    await expect.poll(() => composer().value).toBe('Summarise the open approvals');
    const [upload] = client.callsOf('voice.transcribe') as { audioBase64: string }[];
    expect(upload?.audioBase64.length).toBeLessThanOrEqual(MAX_VOICE_AUDIO_BASE64);
    // It stopped early enough that nothing recorded had to be dropped.
    expect(atob(upload?.audioBase64 ?? '')).toHaveLength(slices * 1_000 + 1_000);
    expect(auditKinds(client.callsOf('voice.update'))).toEqual(['capture_started', 'capture_stopped_size']);
    expect(screen.queryByText(/larger than the gateway accepts/)).toBeNull();
  });

  it('drops trailing slices an overshooting encoder delivers past the cap', async () => {
    const { client } = await open();
    const recorder = await startRecording();
    recorder.tailBytes = 20_000;
    for (let i = 0; i < 30; i++) recorder.emitData(1_000);
    expect(recorder.state).toBe('recording');
    recorder.emitData(10_000); // 40 000 bytes so far: two more such slices would not fit
    expect(recorder.state).toBe('inactive');
    await expect.poll(() => client.callsOf('voice.transcribe')).toHaveLength(1);
    const [upload] = client.callsOf('voice.transcribe') as { audioBase64: string }[];
    expect(atob(upload?.audioBase64 ?? '')).toHaveLength(40_000);
  });

  it.each([
    ['NotAllowedError', 'Access to the microphone was denied.', /Allow microphone access/],
    ['NotFoundError', 'No microphone was found.', /Connect a microphone/],
    [
      'NotReadableError',
      'The microphone is in use by another application or could not be started.',
      /Close the other application/,
    ],
    ['TypeError', 'The microphone could not be opened.', /choose another microphone/],
  ])('%s gets its own message and hint, and is audited', async (name, message, hint) => {
    const { client } = await open();
    media.getUserMedia.mockRejectedValue(domError(name));
    await fireEvent.click(speakButton());
    const alert = await screen.findByText(message);
    expect(alert.closest('[role="alert"]') ?? alert.parentElement).toHaveTextContent(hint);
    // Nothing recorded, back to idle, nothing uploaded.
    expect(speakButton()).toBeEnabled();
    expect(FakeMediaRecorder.instances).toEqual([]);
    expect(client.callsOf('voice.transcribe')).toEqual([]);
    const failed = client.callsOf('voice.update').at(-1) as { audit: { kind: string; detail: string } };
    expect(failed.audit.kind).toBe('capture_failed');
    expect(failed.audit.detail).toContain(name);
  });

  it('says so when this window cannot record at all', async () => {
    await open();
    uninstallMediaDevices();
    await fireEvent.click(speakButton());
    expect(await screen.findByText('This window cannot record audio.')).toBeInTheDocument();
  });

  it('falls back to the default microphone when the chosen one is gone', async () => {
    await open({}, { inputDeviceId: 'mic-unplugged', inputDeviceLabel: 'USB mic' });
    media.getUserMedia.mockRejectedValueOnce(domError('OverconstrainedError'));
    await startRecording();
    expect(media.getUserMedia).toHaveBeenCalledTimes(2);
    expect(media.getUserMedia.mock.calls[1]?.[0]).toEqual({
      audio: { noiseSuppression: true, echoCancellation: true },
    });
  });

  it("shows the gateway's refusal and leaves the composer as it was", async () => {
    const { client } = await open();
    client.transcribeFailure = {
      code: 'voice_audio_not_accepted',
      message: 'This Palyra gateway does not accept audio attachments.',
      hint: 'Type the message instead.',
    };
    await startRecording();
    await fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    expect(
      await screen.findByText('This Palyra gateway does not accept audio attachments.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Type the message instead.')).toBeInTheDocument();
    expect(composer().value).toBe('');
    expect(speakButton()).toBeEnabled();
  });

  it('says nothing was recorded instead of uploading an empty recording', async () => {
    const { client } = await open();
    const recorder = await startRecording();
    recorder.tailBytes = 0;
    await fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    expect(await screen.findByText('Nothing was recorded.')).toBeInTheDocument();
    expect(client.callsOf('voice.transcribe')).toEqual([]);
  });
});
