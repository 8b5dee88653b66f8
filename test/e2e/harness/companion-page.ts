// Browser-side steps on the companion UI, found the way an operator (or a screen reader) finds
// things: tab roles, headings, labels and button text. Every wait is a condition, never a sleep.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { $, $$, browser } from '@wdio/globals';
import { SCREENSHOT_DIR } from './build-paths';
import type { CompanionHandle } from './companion-process';

/** Generous: other engineers load the same two cores while the suite runs. */
export const UI_TIMEOUT = 30_000;

export type ViewTab = 'health' | 'approvals' | 'chat' | 'logs' | 'onboarding' | 'settings';

export async function openCompanion(companion: CompanionHandle): Promise<void> {
  await browser.url(companion.url);
  // App.svelte marks the first rendered snapshot on <html data-ready>.
  await $('html[data-ready="true"]').waitForExist({ timeout: UI_TIMEOUT });
}

export async function showTab(view: ViewTab): Promise<void> {
  const tab = $(`[role="tab"]#tab-${view}`);
  await tab.click();
  await browser.waitUntil(async () => (await tab.getAttribute('aria-selected')) === 'true', {
    timeout: UI_TIMEOUT,
    timeoutMsg: `the ${view} tab did not become selected`,
  });
}

/** A service card on the Health view, by its heading (the service's display name). */
export function serviceCard(displayName: string): ChainablePromiseElement {
  return $(`//article[.//h3[normalize-space()="${displayName}"]]`);
}

type ChainablePromiseElement = ReturnType<typeof $>;

/** The state pill of a service card (Running, Crash-looping, …). */
export async function serviceStateText(displayName: string): Promise<string> {
  const card = serviceCard(displayName);
  if (!(await card.isExisting())) return '';
  return (await card.$('.top .pill').getText()).trim();
}

export async function waitForServiceState(
  displayName: string,
  state: string,
  timeout = UI_TIMEOUT,
): Promise<void> {
  await browser.waitUntil(async () => (await serviceStateText(displayName)) === state, {
    timeout,
    interval: 200,
    timeoutMsg: `${displayName} did not show "${state}" (last: "${await serviceStateText(displayName)}")`,
  });
}

/** The PID the Health view shows for a service, or null while it shows none. */
export async function shownPid(displayName: string): Promise<number | null> {
  const card = serviceCard(displayName);
  if (!(await card.isExisting())) return null;
  const text = await card.$('//dt[normalize-space()="PID"]/following-sibling::dd[1]').getText();
  const match = /^(\d+)/.exec(text.trim());
  return match ? Number(match[1]) : null;
}

async function setupProgress(): Promise<{ done: number; total: number }> {
  const bar = $('[role="progressbar"][aria-label="Setup progress"]');
  return {
    done: Number(await bar.getAttribute('aria-valuenow')),
    total: Number(await bar.getAttribute('aria-valuemax')),
  };
}

export async function stepStatus(title: string): Promise<string> {
  const step = $(`//ol[@aria-label="Setup steps"]/li[.//h3[normalize-space()="${title}"]]`);
  return (await step.$('.pill').getText()).trim();
}

/** Every Setup step as "title: status (detail)", so a step that never arrives says which one held it. */
export async function setupSummary(): Promise<string> {
  const steps = await $$('//ol[@aria-label="Setup steps"]/li');
  const lines: string[] = [];
  for (const step of steps) {
    const title = (await step.$('h3').getText()).trim();
    const status = (await step.$('.pill').getText()).trim();
    const detail = (await step.getText()).replace(/\s+/g, ' ').slice(0, 160);
    lines.push(`${title}: ${status} (${detail})`);
  }
  return lines.join('\n');
}

/** Waits for a Setup step's status; on timeout the error lists every step's status and text. */
export async function waitForStepStatus(title: string, status: string, timeout = 60_000): Promise<void> {
  try {
    await browser.waitUntil(async () => (await stepStatus(title)) === status, { timeout, interval: 250 });
  } catch {
    throw new Error(
      `the ${title} step never showed ${status} within ${timeout} ms; Setup:\n${await setupSummary()}`,
    );
  }
}

export interface OnboardingOptions {
  /** Called at the points worth a screenshot (all done). */
  onStage?: (stage: 'complete') => Promise<void>;
}

/**
 * The first-run wizard as an operator walks it: Get started, confirm the state folder, then wait
 * until every step is Done (demo mode needs no keychain, so there is nothing else to click).
 */
export async function completeOnboarding(options: OnboardingOptions = {}): Promise<void> {
  await showTab('onboarding');
  await $('button=Get started').click();
  await browser.waitUntil(async () => (await stepStatus('Welcome')) === 'Done', {
    timeout: UI_TIMEOUT,
    timeoutMsg: 'the Welcome step did not complete after Get started',
  });

  // There is no one-click "keep the default"; confirming means submitting the folder shown.
  const folder = (
    await $(
      '//li[.//h3[normalize-space()="State root"]]//p[starts-with(normalize-space(),"Folder:")]/span',
    ).getText()
  ).trim();
  await $('input[aria-label="State folder"]').setValue(folder);
  await $('button=Use folder').click();
  await browser.waitUntil(async () => (await stepStatus('State root')) === 'Done', {
    timeout: UI_TIMEOUT,
    timeoutMsg: 'the State root step did not complete after Use folder',
  });

  // Demo mode keeps its throwaway tokens in memory: no keychain, no opt-in, nothing to click.
  await browser.waitUntil(async () => (await stepStatus('Keychain')) === 'Done', {
    timeout: UI_TIMEOUT,
    timeoutMsg: 'the Keychain step was not Done in demo mode (it needs no Secret Service)',
  });

  // Palyra's optional provider steps are skipped here (providers.e2e.ts walks them), and the
  // dashboard hand-off is done the operator's way: one click on Open dashboard.
  for (const title of ['OpenAI connect', 'Discord connect']) {
    await browser.waitUntil(async () => (await stepStatus(title)) === 'In progress', {
      timeout: 60_000,
      interval: 250,
      timeoutMsg: `the ${title} step never became the current one`,
    });
    await setupStep(title).$('button=Skip this step').click();
    await browser.waitUntil(async () => (await stepStatus(title)) === 'Skipped', {
      timeout: UI_TIMEOUT,
      timeoutMsg: `the ${title} step was not Skipped after Skip this step`,
    });
  }
  const home = await browser.getWindowHandle();
  const tabs = await browser.getWindowHandles();
  await setupStep('Dashboard hand-off').$('button=Open dashboard').click();
  await closeTabsOpenedSince(tabs, home);
  await browser.waitUntil(async () => (await stepStatus('Dashboard hand-off')) === 'Done', {
    timeout: UI_TIMEOUT,
    timeoutMsg: 'the Dashboard hand-off step was not Done after Open dashboard',
  });
  await browser.waitUntil(
    async () => {
      const { done, total } = await setupProgress();
      return total > 0 && done === total;
    },
    { timeout: 60_000, interval: 250, timeoutMsg: 'setup did not reach every step Done' },
  );
  await options.onStage?.('complete');
}

/** One step of the Setup list, by its title. */
export function setupStep(title: string): ChainablePromiseElement {
  return $(`//ol[@aria-label="Setup steps"]/li[.//h3[normalize-space()="${title}"]]`);
}

/** Waits for the tab the page opened (the dashboard), lets it load, closes it, returns home. */
export async function closeTabsOpenedSince(before: string[], home: string): Promise<void> {
  const opened = await browser.waitUntil(
    async () => (await browser.getWindowHandles()).find((h) => !before.includes(h)) ?? false,
    { timeout: UI_TIMEOUT, timeoutMsg: 'Open dashboard did not open a new window' },
  );
  await browser.switchToWindow(opened);
  await browser.waitUntil(async () => (await browser.getUrl()).includes('desktop_handoff_token='), {
    timeout: UI_TIMEOUT,
    timeoutMsg: 'the dashboard window never reached the gateway with a hand-off token',
  });
  await browser.closeWindow();
  await browser.switchToWindow(home);
}

export async function screenshot(name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await browser.saveScreenshot(path);
  return path;
}

/** The count on a tab's badge (0 when it shows none). */
export async function tabBadge(view: ViewTab): Promise<number> {
  const badge = $(`#tab-${view} .badge`);
  if (!(await badge.isExisting())) return 0;
  return Number((await badge.getText()).trim());
}
