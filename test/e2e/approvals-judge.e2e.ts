// Issue #11, point 2: approvals you can judge. A tool call's input is shown pretty-printed with
// secrets masked and long values folded, with why the policy asks and the daemon's own options
// as the choices (full labels); cards are sorted by risk; a decided approval's notification is
// marked resolved in a panel with a single scroll box.
import { $, browser, expect } from '@wdio/globals';
import { completeOnboarding, openCompanion, showTab, tabBadge, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SimulatorControl } from './harness/simulator-control';
import { inEveryLook, pageText } from './looks/looks';

const TITLE = 'E2E: publish the release notes';
const SECRET = 'ghp_e2eSecretToken0123456789abcdefABCDEF';
const LONG = Array.from({ length: 30 }, (_, i) => `line ${i + 1} of the release notes`).join('\n');

describe('approvals you can judge', () => {
  let companion: CompanionHandle;
  let simulator: SimulatorControl;
  let approvalId = '';

  before(async () => {
    companion = await startCompanion();
    simulator = new SimulatorControl(companion);
    await openCompanion(companion);
    await completeOnboarding();
    await browser.waitUntil(async () => (await tabBadge('approvals')) >= 1, {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the demo approval never reached the inbox',
    });
    const raised = await simulator.raiseApproval({
      title: TITLE,
      toolName: 'palyra.http.post',
      riskLevel: 'critical',
      input: {
        url: 'https://git.example.com/api/releases',
        headers: { authorization: `token ${SECRET}` },
        github_token: SECRET,
        body: LONG,
      },
    });
    approvalId = raised.approval_id;
  });

  after(async () => {
    await companion?.stop();
  });

  const card = () => $(`//article[.//h3[normalize-space()="${TITLE}"]]`);

  it("shows the input (secrets masked, long values folded), why it asks, and the daemon's options", async () => {
    await showTab('approvals');
    await card().waitForDisplayed({ timeout: UI_TIMEOUT });
    const input = card().$('[role="group"][aria-label^="Input for"]');
    const text = await input.getText();
    expect(text).toContain('"url": "https://git.example.com/api/releases",');
    expect(text).toContain('"github_token": "••••••"');
    expect(text).not.toContain(SECRET.slice(4));
    expect(text).not.toContain('line 30 of the release notes');
    await expect(input.$('button=show more')).toBeDisplayed();
    await expect(card()).toHaveText(expect.stringContaining('deny-by-default until explicitly approved'));
    const labels = await card()
      .$$('[role="group"][aria-label^="Decision for"] button')
      .map((b) => b.getAttribute('aria-label'));
    expect(labels).toEqual(['Allow once', 'Allow for session', 'Deny']);
    expect(await pageText()).not.toContain('For…');
    // Critical first, ahead of the demo's earlier, lower-risk approval.
    const first = await $('ul[aria-label="Pending approvals"] > li h3').getText();
    expect(first).toBe(TITLE);
    await inEveryLook('approvals-judge', async () => {
      await card().scrollIntoView({ block: 'start' });
      await expect(card().$('button[aria-label="Deny"]')).toBeDisplayed();
    });
    await input.$('button=show more').click();
    expect(await input.getText()).toContain('line 30 of the release notes');
  });

  it('carries a one-line input summary into the notification, and marks it resolved once decided', async () => {
    await showTab('health');
    const entry = $(`//ul[@aria-label="Notification list"]/li[@aria-label="${TITLE}"]`);
    await entry.waitForDisplayed({ timeout: UI_TIMEOUT });
    const entryText = await entry.getText();
    expect(entryText).toContain('url: "https://git.example.com/api/releases"');
    expect(entryText).not.toContain(SECRET.slice(4));
    await expect(entry.$('span=Waiting')).toBeDisplayed();
    await expect(entry.$('button=Approve')).toBeDisplayed();

    await showTab('approvals');
    await card().$('button[aria-label="Allow for session"]').click();
    await card().waitForExist({ reverse: true, timeout: UI_TIMEOUT });
    const decisions = await simulator.decisions();
    expect(decisions.find((d) => d.approval_id === approvalId)).toMatchObject({
      approved: true,
      decision_scope: 'session',
    });

    await showTab('health');
    await entry.$('span=Resolved').waitForDisplayed({ timeout: UI_TIMEOUT });
    expect(await entry.getAttribute('class')).not.toContain('unread');
    await expect(entry.$('button=Approve')).not.toBeExisting();
    // One scroll box: the list grows with the view instead of scrolling inside it.
    const listScrolls = await browser.execute(() => {
      const list = document.querySelector('ul[aria-label="Notification list"]')!;
      const style = getComputedStyle(list);
      return style.overflowY === 'auto' || style.overflowY === 'scroll' || style.maxHeight !== 'none';
    });
    expect(listScrolls).toBe(false);
    await inEveryLook('notifications-resolved', async () => {
      await entry.scrollIntoView({ block: 'center' });
      await expect(entry.$('span=Resolved')).toBeDisplayed();
    });
  });
});
