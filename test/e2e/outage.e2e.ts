// Issue #4, flow 4: the gateway dies (SIGKILL). The UI shows it reconnecting, a message typed
// meanwhile becomes an offline draft (with Resend / Discard), and once the supervisor has the
// gateway back the draft is delivered: it leaves the drafts list and appears in the transcript.
import { $, $$, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  showTab,
  shownPid,
  UI_TIMEOUT,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SidecarWrapper } from './harness/sidecar-wrapper';
import { waitFor } from '../support/wait-for';

const FIRST = 'Status check before the outage';
const DURING = 'Written while the gateway was down, please deliver later';

async function transcriptTexts(role: 'user' | 'assistant'): Promise<string[]> {
  return $$(`[role="log"][aria-label="Transcript"] .msg.${role}:not(.streaming)`).map((m) => m.getText());
}

async function sendMessage(text: string): Promise<void> {
  await $('textarea[aria-label="Message"]').setValue(text);
  await $('button=Send').click();
}

const connectionPill = () => $('[role="status"][aria-label="Gateway connection"]');

describe('gateway outage', () => {
  let companion: CompanionHandle;
  let wrapper: SidecarWrapper | null = null;
  let killedPid = 0;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
  });

  after(async () => {
    wrapper?.release();
    await companion?.stop();
  });

  it('has a live chat session before the outage', async () => {
    await showTab('chat');
    await expect(connectionPill()).toHaveText('Online');
    await sendMessage(FIRST);
    await browser.waitUntil(async () => (await transcriptTexts('assistant')).some((t) => t.includes(FIRST)), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the first reply never arrived',
    });
  });

  it('shows reconnecting after the gateway is killed and keeps a message as a draft', async () => {
    await showTab('health');
    const pid = await shownPid('palyrad');
    expect(pid).not.toBeNull();
    expect(pid).toBe(companion.sidecarPids().gateway);

    // Make the supervisor's restart boot slowly, so the outage lasts until the draft is written.
    wrapper = new SidecarWrapper(companion, 'palyrad');
    wrapper.hold();
    killedPid = pid!;
    process.kill(killedPid, 'SIGKILL');

    await showTab('chat');
    await browser.waitUntil(async () => (await connectionPill().getText()).trim() === 'Reconnecting', {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the chat never showed the gateway as reconnecting',
    });
    await sendMessage(DURING);

    const drafts = $('ul[aria-label="Offline drafts"]');
    await drafts.waitForDisplayed({ timeout: UI_TIMEOUT });
    const item = drafts.$(`//li[.//div[contains(@class,"draft-text") and normalize-space()="${DURING}"]]`);
    await expect(item).toBeDisplayed();
    await expect(item.$('button[aria-label="Resend draft"]')).toBeDisplayed();
    await expect(item.$('button[aria-label="Discard draft"]')).toBeDisplayed();
    await expect($('#drafts-heading')).toHaveText('Offline drafts (1)');
    expect(await transcriptTexts('user')).not.toContain(DURING);
    await screenshot('outage-draft');
  });

  it('delivers the draft once the supervisor has restarted the gateway', async () => {
    wrapper!.release();
    await waitFor(
      () => {
        const pid = companion.sidecarPids().gateway;
        return pid !== undefined && pid !== killedPid;
      },
      'the supervisor to restart the gateway under a new pid',
      UI_TIMEOUT,
      { intervalMs: 100, retryOnError: true },
    );

    await browser.waitUntil(async () => (await connectionPill().getText()).trim() === 'Online', {
      timeout: 60_000,
      timeoutMsg: 'the gateway never came back online in the chat view',
    });
    await $('ul[aria-label="Offline drafts"]').waitForExist({ reverse: true, timeout: 60_000 });
    await browser.waitUntil(async () => (await transcriptTexts('user')).some((t) => t.includes(DURING)), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the delivered draft did not appear in the transcript',
    });
    await browser.waitUntil(
      async () => (await transcriptTexts('assistant')).some((t) => t.includes(DURING)),
      {
        timeout: UI_TIMEOUT,
        timeoutMsg: 'the reply to the delivered draft did not appear in the transcript',
      },
    );
    await expect($('[aria-label="Reply failed"]')).not.toBeExisting();
    await screenshot('outage-delivered');
    await showTab('health');
    expect(await shownPid('palyrad')).not.toBe(killedPid);
  });
});
