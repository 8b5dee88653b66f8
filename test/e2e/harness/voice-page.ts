// Voice steps shared by the voice specs.
import { $ } from '@wdio/globals';
import { showTab, UI_TIMEOUT } from './companion-page';

/** Settings: turn on voice capture, silence detection and spoken replies, and save. */
export async function enableVoiceFlags(): Promise<void> {
  await showTab('settings');
  for (const flag of ['Voice capture', 'Voice silence detection', 'Spoken replies (TTS)']) {
    const box = $(`//label[normalize-space()="${flag}"]/input[@type="checkbox"]`);
    if (!(await box.isSelected())) await box.click();
  }
  await $('button=Save').click();
  await $('h2=Voice').waitForExist({ timeout: UI_TIMEOUT });
}
