// Issue #10 point 5: every view in the pseudo-locale, popover and wide window, fails on any visible
// text, aria-label, title or placeholder that did not come through the catalogue; then every view
// in Czech, light and dark, for review, with no tab or Logs filter cut or pushed to the edge. Setup
// shows the provider steps at work (OpenAI refusing a key, Discord after a token check) and the
// voice rollout flags are on, so Chat and Settings show voice.
// The refusal is made in each language (an action's error lives in the page, not in core); the
// Discord check and the flags are made once in English (their results live in core).
import { $, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  setupStep,
  showTab,
  UI_TIMEOUT,
  type ViewTab,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SimulatorControl } from './harness/simulator-control';
import { untranslatedStrings } from './harness/untranslated';
import { enableVoiceFlags } from './harness/voice-page';
import { applyLook, lookName, LOOKS } from './looks/looks';

const VIEWS: { tab: ViewTab; ready: string | string[] }[] = [
  { tab: 'health', ready: '#overall-heading' },
  { tab: 'approvals', ready: '#panel article' },
  // The voice input button: there only with the voice_capture_enabled flag on.
  { tab: 'chat', ready: ['#panel .msg.assistant', '#panel button[aria-pressed]'] },
  { tab: 'logs', ready: '#panel [role="log"]' },
  { tab: 'onboarding', ready: '#panel ol' },
  { tab: 'settings', ready: '#voice-heading' },
];

const BOT_TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'a1B2c3D4e5'.repeat(4)}`;

/** Setup's OpenAI step refuses a key (any language: found by structure, not by words). */
async function refuseOpenAiKey(): Promise<void> {
  await showTab('onboarding');
  const step = $('[data-testid="openai-step"]');
  await step.$('input[type="password"]').setValue('not-a-key');
  await step.$('form button[type="submit"]').click();
  await step.$('[role="alert"]').waitForExist({ timeout: UI_TIMEOUT });
}

async function waitReady(view: (typeof VIEWS)[number]): Promise<void> {
  for (const selector of [view.ready].flat()) await $(selector).waitForExist({ timeout: UI_TIMEOUT });
}

/**
 * Controls whose words do not fit: a tab label cut by its ellipsis, a tab or filter control past
 * the window's edge (or within 6 px of it), a select narrower than its chosen option needs.
 */
async function clippedControls(): Promise<string[]> {
  return browser.execute(() => {
    const problems: string[] = [];
    const edge = document.documentElement.clientWidth - 6;
    for (const tab of Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]'))) {
      if (tab.scrollWidth > tab.clientWidth + 0.5) problems.push(`tab ${tab.id} is cut`);
      if (tab.getBoundingClientRect().right > edge) problems.push(`tab ${tab.id} reaches the edge`);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.filters select, .filters button'))) {
      const box = el.getBoundingClientRect();
      if (box.right > edge)
        problems.push(`${el.getAttribute('aria-label') ?? el.textContent} reaches the edge`);
      if (el instanceof HTMLSelectElement) {
        // The same select with nothing constraining it: the width its chosen option needs.
        const free = el.cloneNode(true) as HTMLSelectElement;
        free.style.cssText = 'position:absolute;visibility:hidden;width:auto;max-width:none;min-width:0';
        el.parentElement!.append(free);
        const needed = free.getBoundingClientRect().width;
        free.remove();
        if (box.width + 0.5 < needed) problems.push(`${el.getAttribute('aria-label')} cuts its text`);
      }
    }
    return problems;
  });
}

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
    await enableVoiceFlags();
    // Back to the provider steps completeOnboarding skipped; Discord checks a token once.
    await showTab('onboarding');
    for (const title of ['OpenAI connect', 'Discord connect'])
      await setupStep(title).$('button=Set it up after all').click();
    const discord = setupStep('Discord connect');
    await discord.$('input[type="password"]').setValue(BOT_TOKEN);
    await discord.$('button=Check token').click();
    await discord.$('[aria-label="Discord preflight"]').waitForExist({ timeout: UI_TIMEOUT });
  });

  after(async () => {
    await companion?.stop();
  });

  it('shows no untranslated string in any view in the pseudo-locale', async () => {
    await reopenIn('pseudo');
    await refuseOpenAiKey();
    const problems: string[] = [];
    for (const look of LOOKS.filter((l) => l.scheme === 'light')) {
      await applyLook(look);
      for (const view of VIEWS) {
        await showTab(view.tab);
        await waitReady(view);
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
    await refuseOpenAiKey();
    await expect($('[data-testid="openai-step"] [role="alert"]')).toHaveText(
      expect.stringContaining('OpenAI tento API klíč nepřijalo'),
    );
    await expect($('[data-testid="discord-step"] [role="status"]')).toHaveText(
      expect.stringContaining('Token patří botovi @'),
    );
    const clipped: string[] = [];
    for (const look of LOOKS) {
      await applyLook(look);
      for (const view of VIEWS) {
        await showTab(view.tab);
        await waitReady(view);
        for (const p of await clippedControls()) clipped.push(`${lookName(look)}/${view.tab}: ${p}`);
        await screenshot(`lang-cs-${view.tab}-${lookName(look)}`);
        // The parts this pass added sit further down: the provider steps and the Voice section.
        const below = { onboarding: '[data-testid="openai-step"]', settings: '#voice-heading' }[
          view.tab as 'onboarding' | 'settings'
        ];
        if (below) {
          await $(below).scrollIntoView();
          await screenshot(`lang-cs-${view.tab}-more-${lookName(look)}`);
        }
      }
    }
    await expect($('[role="tab"]#tab-settings')).toHaveText('Nastavení');
    // The Czech words are longer: the tabs and the Logs filters still show them whole.
    expect(clipped).toEqual([]);
    await applyLook(LOOKS[0]!);
  });
});
