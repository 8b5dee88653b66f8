// Every main view in the popover and a full window, light and dark (prefers-color-scheme, with the
// theme setting on System): a screenshot of each for review, and a check that the scheme applied.
import { $, browser, expect } from '@wdio/globals';
import { pageBackgroundLuminance } from './harness/color-scheme';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  showTab,
  UI_TIMEOUT,
  type ViewTab,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { applyLook, lookName, LOOKS } from './looks/looks';

const VIEWS: { tab: ViewTab; name: string; ready: string }[] = [
  { tab: 'health', name: 'health', ready: '#overall-heading' },
  { tab: 'approvals', name: 'approvals', ready: 'ul[aria-label="Pending approvals"]' },
  { tab: 'chat', name: 'chat', ready: '[role="log"][aria-label="Transcript"] .msg.assistant' },
  { tab: 'logs', name: 'logs', ready: '#panel' },
  { tab: 'onboarding', name: 'setup', ready: 'ol[aria-label="Setup steps"]' },
  { tab: 'settings', name: 'settings', ready: '#dashboard-heading' },
];

describe('views in light and dark', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    // Something to look at in the chat view.
    await showTab('chat');
    await $('textarea[aria-label="Message"]').setValue('Good morning, what is on today?');
    await $('button=Send').click();
    await $('[role="log"] .msg.assistant:not(.streaming)').waitForExist({ timeout: UI_TIMEOUT });
  });

  after(async () => {
    await companion?.stop();
  });

  for (const look of LOOKS) {
    it(`renders every view in the ${lookName(look)} look`, async () => {
      await applyLook(look);
      const luminance = await pageBackgroundLuminance();
      if (look.scheme === 'dark') expect(luminance).toBeLessThan(0.3);
      else expect(luminance).toBeGreaterThan(0.7);
      for (const view of VIEWS) {
        await showTab(view.tab);
        await $(view.ready).waitForExist({ timeout: UI_TIMEOUT });
        await screenshot(`view-${view.name}-${lookName(look)}`);
      }
      await expect($('[role="tab"][aria-selected="true"]')).toHaveText('Settings');
      expect(await browser.execute(() => document.documentElement.dataset.theme ?? 'system')).toBe('system');
    });
  }
});
