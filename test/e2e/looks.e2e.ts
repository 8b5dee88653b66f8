// Issue #11, point 4: looks and reading. A large window is used (two columns) while the popover
// keeps its single column; gateway log lines read as message + level + fields; the chat session
// name is never cut off for good; sparklines have a scale and a current value; start at login and
// the hotkey say why they are off in a browser.
import { $, browser, expect } from '@wdio/globals';
import { completeOnboarding, openCompanion, showTab, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { applyLook, inEveryLook, LOOKS, pageText } from './looks/looks';

type Box = { left: number; right: number; top: number; bottom: number; width: number };

async function box(selector: string): Promise<Box> {
  return browser.execute((sel: string) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  }, selector);
}

describe('looks and reading', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
  });

  after(async () => {
    await companion?.stop();
  });

  it('uses a large window: wide two-column Health; the popover stays one column', async () => {
    await showTab('health');
    await $('section[aria-label="Services"] article').waitForDisplayed({ timeout: UI_TIMEOUT });
    await applyLook(LOOKS.find((l) => l.viewport === 'window')!);
    const app = await box('#app');
    expect(app.width).toBeGreaterThan(1000);
    const services = await box('section[aria-label="Services"]');
    const notifications = await box('section[aria-labelledby="notifications-heading"]');
    expect(notifications.left).toBeGreaterThanOrEqual(services.right - 1);
    await applyLook(LOOKS[0]!);
    expect((await box('#app')).width).toBe(380);
    const narrowServices = await box('section[aria-label="Services"]');
    const narrowNotifications = await box('section[aria-labelledby="notifications-heading"]');
    expect(narrowNotifications.top).toBeGreaterThanOrEqual(narrowServices.bottom - 1);
  });

  it('labels each sparkline with a scale and the current value', async () => {
    const figure = $('//article[.//h3[normalize-space()="palyrad"]]//figure');
    await browser.waitUntil(async () => /\d+ ms$/.test((await figure.$('.now').getText()).trim()), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the sparkline never showed a current latency',
    });
    expect(await figure.$('.scale').getText()).toMatch(/^\d+ ms\s+0$/);
  });

  it('shows gateway log lines as message, level and fields instead of raw JSON', async () => {
    await showTab('logs');
    const line = $(
      '//div[@role="log"]//div[contains(@class,"line")][.//span[contains(@class,"text") and normalize-space()="demo approval raised"]]',
    );
    await line.waitForExist({ timeout: UI_TIMEOUT });
    await expect(line.$('.lvl')).toHaveText('INFO');
    expect(await line.$('.fields').getText()).toContain('tool_name=palyra.process.run');
    expect(await $('[role="log"]').getText()).not.toContain('{"timestamp"');
    await inEveryLook('looks-logs', async () => {
      await expect(line).toBeExisting();
    });
  });

  it('keeps the chat session name whole: its own line, full name as a tooltip', async () => {
    await showTab('chat');
    const select = $('select[aria-label="Session"]');
    await select.waitForDisplayed({ timeout: UI_TIMEOUT });
    await select.selectByVisibleText('Release checklist');
    await browser.waitUntil(async () => (await select.getAttribute('title')) === 'Release checklist', {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the session select does not carry the full session name as its title',
    });
    expect((await box('select[aria-label="Session"]')).width).toBeGreaterThan(300);
    await inEveryLook('looks-chat', async () => {
      await expect(select).toBeDisplayed();
    });
  });

  it('says start at login and the hotkey are only in the desktop app, with why', async () => {
    await showTab('settings');
    const text = await pageText();
    expect(text.split('Only in the desktop app').length - 1).toBe(2);
    expect(text).toContain('runs in a browser, which cannot do this');
    expect(text).not.toContain('Not registered');
    await expect($('//label[contains(.,"Start at login")]/input')).toBeDisabled();
    await inEveryLook('looks-settings', async () => {
      await expect($('#hotkey-heading')).toBeExisting();
    });
  });
});
