// Issue #4, flow 2: an approval raised on the gateway reaches the inbox (badge), the operator
// approves it for the session (the daemon's own option), and the gateway receives exactly that decision.
import { $, $$, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  showTab,
  tabBadge,
  UI_TIMEOUT,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SimulatorControl } from './harness/simulator-control';

const TITLE = 'E2E: deploy release 0.2 to staging';

describe('approvals', () => {
  let companion: CompanionHandle;
  let simulator: SimulatorControl;
  let raisedId = '';

  before(async () => {
    companion = await startCompanion();
    simulator = new SimulatorControl(companion);
    await openCompanion(companion);
    await completeOnboarding();
  });

  after(async () => {
    await companion?.stop();
  });

  const card = () => $(`//article[.//h3[normalize-space()="${TITLE}"]]`);
  const pendingCount = async () => Number((await $('span*= pending').getText()).split(' ')[0]);

  it('shows a gateway approval in the inbox and counts it on the badge', async () => {
    await showTab('approvals');
    // Demo mode raises one approval when the gateway starts; wait until the inbox has synced it.
    await browser.waitUntil(async () => (await tabBadge('approvals')) >= 1, {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the demo approval never reached the inbox',
    });
    const before = await tabBadge('approvals');

    const raised = await simulator.raiseApproval({ title: TITLE });
    await card().waitForDisplayed({ timeout: UI_TIMEOUT });
    await browser.waitUntil(async () => (await tabBadge('approvals')) === before + 1, {
      timeout: UI_TIMEOUT,
      timeoutMsg: `the Approvals badge did not go from ${before} to ${before + 1}`,
    });
    expect(await pendingCount()).toBe(before + 1);
    expect(await $$('ul[aria-label="Pending approvals"] > li').length).toBe(before + 1);
    await expect(card().$('.mono')).toHaveText('palyra.process.run');
    raisedId = raised.approval_id;
    await screenshot('approvals-inbox');
  });

  it('approves it for the session, and the gateway records exactly that decision', async () => {
    expect(await simulator.decisions()).toEqual([]);
    const before = await tabBadge('approvals');

    await card().$('button[aria-label="Allow for session"]').click();

    await card().waitForExist({ reverse: true, timeout: UI_TIMEOUT });
    await browser.waitUntil(async () => (await tabBadge('approvals')) === before - 1, {
      timeout: UI_TIMEOUT,
      timeoutMsg: `the Approvals badge did not drop to ${before - 1}`,
    });

    const decisions = await simulator.decisions();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ approval_id: raisedId, approved: true, decision_scope: 'session' });
    await screenshot('approvals-decided');
  });
});
