// Issue #10 point 5: every view in the pseudo-locale, popover and wide window, fails on any visible
// text, aria-label, title or placeholder that did not come through the catalogue; then every view
// in Czech, light and dark, for review.
import { $, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  showTab,
  UI_TIMEOUT,
  type ViewTab,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SimulatorControl } from './harness/simulator-control';
import { untranslatedStrings } from './harness/untranslated';
import { applyLook, lookName, LOOKS } from './looks/looks';

const VIEWS: { tab: ViewTab; ready: string }[] = [
  { tab: 'health', ready: '#overall-heading' },
  { tab: 'approvals', ready: '#panel article' },
  { tab: 'chat', ready: '#panel .msg.assistant' },
  { tab: 'logs', ready: '#panel [role="log"]' },
  { tab: 'onboarding', ready: '#panel ol' },
  { tab: 'settings', ready: '#dashboard-heading' },
];

async function reopenIn(lang: 'pseudo' | 'cs'): Promise<void> {
  // The token is in sessionStorage since the first load: the page reopens in another language.
  const url = new URL(await browser.getUrl());
  url.searchParams.set('lang', lang);
  await browser.url(url.toString());
  await $('html[data-ready="true"]').waitForExist({ timeout: UI_TIMEOUT });
  await browser.waitUntil(
    async () =>
      (await browser.execute(() => document.documentElement.lang)) === (lang === 'pseudo' ? 'en-XA' : 'cs'),
  );
}

describe('languages', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    await new SimulatorControl(companion).raiseApproval({ title: 'Deploy the release' });
    await showTab('chat');
    await $('textarea[aria-label="Message"]').setValue('Good morning, what is on today?');
    await $('button=Send').click();
    await $('[role="log"] .msg.assistant:not(.streaming)').waitForExist({ timeout: UI_TIMEOUT });
  });

  after(async () => {
    await companion?.stop();
  });

  it('shows no untranslated string in any view in the pseudo-locale', async () => {
    await reopenIn('pseudo');
    const problems: string[] = [];
    for (const look of LOOKS.filter((l) => l.scheme === 'light')) {
      await applyLook(look);
      for (const view of VIEWS) {
        await showTab(view.tab);
        await $(view.ready).waitForExist({ timeout: UI_TIMEOUT });
        if (view.tab === 'onboarding') {
          // Folded details count too: open every one.
          await browser.execute(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        }
        for (const p of await untranslatedStrings()) problems.push(`${look.viewport}/${view.tab}: ${p}`);
      }
      await screenshot(`lang-pseudo-${lookName(look)}`);
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('catches a string that bypassed the catalogue', async () => {
    await showTab('health');
    await browser.execute(() => {
      const p = document.createElement('p');
      p.textContent = 'Untranslated words';
      p.setAttribute('data-test-untranslated', '');
      document.querySelector('#overall-heading')?.after(p);
    });
    const found = await untranslatedStrings();
    await browser.execute(() => document.querySelector('[data-test-untranslated]')?.remove());
    expect(found.some((p) => p.includes('Untranslated words'))).toBe(true);
  });

  it('renders every view in Czech, light and dark', async () => {
    await reopenIn('cs');
    for (const look of LOOKS) {
      await applyLook(look);
      for (const view of VIEWS) {
        await showTab(view.tab);
        await $(view.ready).waitForExist({ timeout: UI_TIMEOUT });
        await screenshot(`lang-cs-${view.tab}-${lookName(look)}`);
      }
    }
    await expect($('[role="tab"]#tab-settings')).toHaveText('Nastavení');
    await applyLook(LOOKS[0]!);
  });
});
