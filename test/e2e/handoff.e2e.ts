// Issue #4, flow 6: "Open dashboard" opens a one-use sign-in link on the gateway's origin. The new
// window went through /console/v1/auth/browser-handoff/consume (303 → /?desktop_handoff_token=…),
// the dashboard page can trade that token for a console session once, and never twice.
import { $, browser, expect } from '@wdio/globals';
import { completeOnboarding, openCompanion, screenshot, showTab, UI_TIMEOUT } from './harness/companion-page';
import { inEveryLook } from './looks/looks';
import { startCompanion, type CompanionHandle } from './harness/companion-process';

const SESSION_PATH = '/console/v1/auth/browser-handoff/session';

describe('dashboard hand-off', () => {
  let companion: CompanionHandle;
  let companionWindow = '';

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    companionWindow = await browser.getWindowHandle();
  });

  after(async () => {
    await companion?.stop();
  });

  it('opens a one-use dashboard link on the gateway origin', async () => {
    await showTab('settings');
    const before = await browser.getWindowHandles();
    await $('button=Open dashboard').click();
    const opened = await browser.waitUntil(
      async () => (await browser.getWindowHandles()).find((h) => !before.includes(h)) ?? false,
      { timeout: UI_TIMEOUT, timeoutMsg: 'Open dashboard did not open a new window' },
    );
    await expect($('//section[@aria-labelledby="dashboard-heading"]//*[@role="alert"]')).not.toBeExisting();
    await screenshot('handoff-settings');

    await browser.switchToWindow(opened);
    await browser.waitUntil(async () => (await browser.getUrl()).includes('desktop_handoff_token='), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the new window never reached the dashboard with a hand-off token',
    });
    const landed = new URL(await browser.getUrl());
    expect(landed.origin).toBe(companion.gatewayOrigin);
    expect(landed.pathname).toBe('/');
    expect(landed.hash).toBe('#/control/overview');
    const token = landed.searchParams.get('desktop_handoff_token') ?? '';
    expect(token.length).toBeGreaterThan(16);
    // Demo mode lands on the simulator's page saying the hand-off worked, not on "not found".
    await expect($('h1')).toHaveText('Dashboard hand-off worked');
    await inEveryLook('handoff-landing', async () => {
      await expect($('h1')).toBeDisplayed();
    });

    // The landing page was reached through exactly one redirect: the consume endpoint's 303.
    const navigation = await browser.execute(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { redirectCount: entry?.redirectCount ?? -1 };
    });
    expect(navigation.redirectCount).toBe(1);
    // And the consume endpoint is what issues that redirect, for this very token.
    const consume = await fetch(
      `${companion.gatewayOrigin}/console/v1/auth/browser-handoff/consume?token=${encodeURIComponent(token)}`,
      { redirect: 'manual' },
    );
    expect(consume.status).toBe(303);
    expect(consume.headers.get('location')).toBe(landed.pathname + landed.search + landed.hash);

    // The dashboard (same origin) trades the token for a console session: the first use works…
    const first = await browser.execute(
      async (path: string, handoffToken: string) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token: handoffToken }),
        });
        return { status: response.status, body: await response.text() };
      },
      SESSION_PATH,
      token,
    );
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toHaveProperty('csrf_token');

    // …a second use of the same token does not.
    const second = await fetch(`${companion.gatewayOrigin}${SESSION_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(second.status).toBe(403);
    // Spent tokens are not even accepted by the consume link any more.
    const replay = await fetch(
      `${companion.gatewayOrigin}/console/v1/auth/browser-handoff/consume?token=${encodeURIComponent(token)}`,
      { redirect: 'manual' },
    );
    expect(replay.status).toBe(403);

    await browser.closeWindow();
    await browser.switchToWindow(companionWindow);
  });
});
