// Issue #10 point 4: voice input in quick chat, end to end in Chromium. The fake microphone plays
// a sentence espeak-ng spoke, then silence (harness/fake-microphone.ts); the demo gateway
// transcribes any audio to the same sentence. Capture → stop on silence → upload as a chat
// attachment → transcript in the composer → send, plus the consent, the audit log and screenshots.
import { $, $$, browser, expect } from '@wdio/globals';
import { emulateColorScheme } from './harness/color-scheme';
import { completeOnboarding, openCompanion, screenshot, showTab, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SPOKEN_SENTENCE } from './harness/fake-microphone';
import { enableVoiceFlags } from './harness/voice-page';

const composer = () => $('textarea[aria-label="Message"]');
/** The audit entries' kinds, newest first, by Palyra's names (the list shows them in words). */
const auditKinds = async () =>
  $$('ul[aria-label="Voice activity"] .kind').map((e) => e.getAttribute('data-kind'));

describe('voice input', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
  });

  after(async () => {
    await companion?.stop();
  });

  it('is hidden until the voice_capture_enabled flag is on', async () => {
    await showTab('chat');
    await expect($('button=Speak')).not.toBeExisting();
    await enableVoiceFlags();
    const silence = $('//label[starts-with(normalize-space(),"Stop recording after")]/input');
    await silence.click();
    await browser.waitUntil(() => silence.isSelected(), { timeout: UI_TIMEOUT });
  });

  it('asks for consent once, stops on silence and puts the transcript into the composer', async () => {
    await showTab('chat');
    await $('button=Speak').click();
    await expect($('[role="dialog"]')).toHaveText(expect.stringContaining('Use the microphone'));
    await screenshot('voice-consent');
    await $('button=Allow').click();

    await $('[role="status"][aria-label="Recording"]').waitForExist({ timeout: UI_TIMEOUT });
    await screenshot('voice-recording');
    // Nobody presses Stop: the silence after the sentence ends the recording.
    await browser.waitUntil(async () => (await composer().getValue()) === SPOKEN_SENTENCE, {
      timeout: 45_000,
      interval: 200,
      timeoutMsg: 'the transcript never reached the composer',
    });
    await expect($('[role="status"][aria-label="Recording"]')).not.toBeExisting();

    await emulateColorScheme('light');
    await screenshot('voice-transcript-light');
    await emulateColorScheme('dark');
    await screenshot('voice-transcript-dark');
    await emulateColorScheme('light');

    await $('button=Send').click();
    await browser.waitUntil(
      async () =>
        (await $$('[role="log"][aria-label="Transcript"] .msg.user').map((m) => m.getText())).some((t) =>
          t.includes(SPOKEN_SENTENCE),
        ),
      { timeout: UI_TIMEOUT, timeoutMsg: 'the transcribed message was not sent' },
    );
    await expect(composer()).toHaveValue('');
  });

  it('records what happened in the voice audit log, and does not ask for consent again', async () => {
    await showTab('settings');
    await browser.waitUntil(async () => (await auditKinds()).includes('transcript_ready'), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'no transcript_ready entry in the voice audit log',
    });
    const kinds = await auditKinds();
    // Newest first: consent, start, the silence stop, then the gateway's transcript.
    expect(kinds.slice(0, 4)).toEqual([
      'transcript_ready',
      'capture_stopped_silence',
      'capture_started',
      'consent_granted',
    ]);
    const newest = $('ul[aria-label="Voice activity"] li');
    await expect(newest).toHaveText(expect.stringContaining('processed remotely'));
    await expect($('ul[aria-label="Voice activity"] li:nth-child(3)')).toHaveText(
      expect.stringContaining('Recording from'),
    );
    await $('h2=Voice').scrollIntoView();
    await emulateColorScheme('light');
    await screenshot('voice-settings-light');
    await emulateColorScheme('dark');
    await screenshot('voice-settings-dark');
    // The audit list itself: an age column (full time as its title), then kind, detail and pill.
    await browser.execute(() => {
      document.querySelector('ul[aria-label="Voice activity"]')?.scrollTo(0, 0);
      document.querySelector('#voice-heading ~ h3')?.scrollIntoView({ block: 'start' });
    });
    await expect($('ul[aria-label="Voice activity"] li time')).toHaveAttribute(
      'title',
      expect.stringMatching(/\d/),
    );
    await screenshot('voice-audit-dark');
    await emulateColorScheme('light');
    await screenshot('voice-audit-light');

    await showTab('chat');
    await $('button=Speak').click();
    await expect($('[role="dialog"]')).not.toBeExisting();
    await $('[role="status"][aria-label="Recording"]').waitForExist({ timeout: UI_TIMEOUT });
    await $('button=Stop recording').click();
    await browser.waitUntil(async () => (await composer().getValue()) === SPOKEN_SENTENCE, {
      timeout: 45_000,
      timeoutMsg: 'the second, manually stopped recording was not transcribed',
    });
  });
});
