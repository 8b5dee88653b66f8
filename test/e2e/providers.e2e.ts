// Issue #10 point 2 in the browser against the demo simulator: Palyra's OpenAI connect, Discord
// connect and dashboard hand-off steps, as an operator walks them. The demo's stand-in OpenAI takes
// keys shaped like OpenAI's; its stand-in Discord knows a bot token by its shape.
import { $, browser, expect } from '@wdio/globals';
import {
  closeTabsOpenedSince,
  openCompanion,
  setupStep,
  showTab,
  waitForStepStatus,
  UI_TIMEOUT,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { inEveryLook } from './looks/looks';

const BOT_TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GhIjKl.${'a1B2c3D4e5'.repeat(4)}`;
const GOOD_KEY = 'sk-demo-0123456789abcdefghijklmnop';

describe('provider onboarding (OpenAI, Discord, dashboard hand-off)', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await showTab('onboarding');
    await $('button=Get started').click();
    await waitForStepStatus('Welcome', 'Done');
    const folder = (
      await $(
        '//li[.//h3[normalize-space()="State root"]]//p[starts-with(normalize-space(),"Folder:")]/span',
      ).getText()
    ).trim();
    await $('input[aria-label="State folder"]').setValue(folder);
    await $('button=Use folder').click();
    await waitForStepStatus('OpenAI connect', 'In progress');
  });

  after(async () => {
    await companion?.stop();
  });

  it('refuses a bad OpenAI key with what to do, clears the field, then connects a good one', async () => {
    const step = setupStep('OpenAI connect');
    const input = step.$('input[type="password"]');
    await input.setValue('not-a-key');
    await step.$('button=Connect').click();
    await expect(input).toHaveValue('');
    await expect(step.$('[role="alert"]')).toHaveText(
      expect.stringContaining('platform.openai.com/api-keys'),
    );
    await inEveryLook('providers-openai-refused', async () => {
      await expect(step.$('[role="alert"]')).toBeDisplayed();
    });
    await input.setValue(GOOD_KEY);
    await step.$('button=Connect').click();
    await expect(input).toHaveValue('');
    await waitForStepStatus('OpenAI connect', 'Done');
    await expect(step.$('ul[aria-label="OpenAI profiles on the gateway"]')).toHaveText(
      expect.stringContaining('Health: static'),
    );
    expect(await $('body').getText()).not.toContain(GOOD_KEY);
  });

  it('checks a Discord token, shows the bot, connects it and offers log out and remove', async () => {
    const step = setupStep('Discord connect');
    await step.scrollIntoView();
    await step.$('input[type="password"]').setValue(BOT_TOKEN);
    await step.$('button=Check token').click();
    await expect(step.$('[aria-label="Discord preflight"]')).toHaveText(
      expect.stringContaining('Bot: @palyra-bot-5678 (id 123456789012345678)'),
    );
    await step.$('button=Connect').click();
    await waitForStepStatus('Discord connect', 'Done');
    await expect(step.$('input[type="password"]')).toHaveValue('');
    const accounts = step.$('ul[aria-label="Discord connectors on the gateway"]');
    await expect(accounts).toHaveText(expect.stringContaining('discord:default'));
    await expect(accounts.$('button=Log out')).toBeDisplayed();
    await expect(accounts.$('button=Remove')).toBeDisplayed();
    await inEveryLook('providers-discord-connected', async () => {
      await step.scrollIntoView();
      await expect(accounts).toBeDisplayed();
    });
    expect(await $('body').getText()).not.toContain(BOT_TOKEN);
  });

  it('finishes with the dashboard hand-off and Completion', async () => {
    const home = await browser.getWindowHandle();
    const tabs = await browser.getWindowHandles();
    await setupStep('Dashboard hand-off').$('button=Open dashboard').click();
    await closeTabsOpenedSince(tabs, home);
    await waitForStepStatus('Dashboard hand-off', 'Done');
    await waitForStepStatus('Completion', 'Done');
    await expect($('p=Setup complete.')).toBeDisplayed({ wait: UI_TIMEOUT });
    await inEveryLook('providers-complete', async () => {
      await setupStep('Completion').scrollIntoView();
    });
  });
});
