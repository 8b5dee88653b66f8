// Issue #10 point 4: the microphone is refused (Chromium runs with --deny-permission-prompts, see
// harness/fake-microphone.ts). The operator gets one clear message and nothing is uploaded.
import { $, $$, browser, expect } from '@wdio/globals';
import { emulateColorScheme } from './harness/color-scheme';
import { completeOnboarding, openCompanion, screenshot, showTab, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { enableVoiceFlags } from './harness/voice-page';

describe('voice input with the microphone denied', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    await enableVoiceFlags();
  });

  after(async () => {
    await companion?.stop();
  });

  it('says the microphone was denied and what to do', async () => {
    await showTab('chat');
    await $('button=Speak').click();
    await $('button=Allow').click();
    const note = $('[role="alert"][aria-label="Microphone"]');
    await note.waitForExist({ timeout: UI_TIMEOUT });
    await expect(note).toHaveText(expect.stringContaining('Access to the microphone was denied.'));
    await expect(note).toHaveText(expect.stringContaining('Allow microphone access'));
    await expect($('[role="status"][aria-label="Recording"]')).not.toBeExisting();
    await emulateColorScheme('light');
    await screenshot('voice-denied-light');
    await emulateColorScheme('dark');
    await screenshot('voice-denied-dark');

    await showTab('settings');
    await browser.waitUntil(
      async () =>
        (await $$('ul[aria-label="Voice activity"] .kind').map((e) => e.getAttribute('data-kind')))[0] ===
        'capture_failed',
      { timeout: UI_TIMEOUT, timeoutMsg: 'the refusal is not in the voice audit log' },
    );
  });
});
