// Issue #4, flow 5: a sidecar that keeps dying trips the supervisor's circuit breaker (5 failures
// in 2 min, backoff 1, 2, 4, 8 s) and the UI shows it crash-looping; once the cause is fixed,
// Retry on its card brings it back healthy.
import { $, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  serviceCard,
  serviceStateText,
  showTab,
  shownPid,
  UI_TIMEOUT,
  waitForServiceState,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SidecarWrapper } from './harness/sidecar-wrapper';

const BROWSERD = 'palyra-browserd';

describe('crash loop and Retry', () => {
  let companion: CompanionHandle;
  let wrapper: SidecarWrapper | null = null;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    await showTab('health');
    await waitForServiceState(BROWSERD, 'Running');
  });

  after(async () => {
    wrapper?.restore();
    await companion?.stop();
  });

  it('shows browserd crash-looping after it keeps failing', async () => {
    const pid = await shownPid(BROWSERD);
    expect(pid).toBe(companion.sidecarPids().browserd);
    // Break the install, then kill the running daemon: every restart now exits at once.
    wrapper = new SidecarWrapper(companion, 'palyra-browserd');
    wrapper.break();
    process.kill(pid!, 'SIGKILL');

    // On the way the card shows the backoff countdown (Restarting soon).
    const seen = new Set<string>();
    await browser.waitUntil(
      async () => {
        const state = await serviceStateText(BROWSERD);
        seen.add(state);
        return state === 'Crash-looping';
      },
      { timeout: 90_000, interval: 250, timeoutMsg: `${BROWSERD} never showed Crash-looping` },
    );
    expect(seen.has('Restarting soon')).toBe(true);
    const card = serviceCard(BROWSERD);
    await expect(card.$('button=Retry')).toBeDisplayed();
    await expect($('[aria-label="Overall status"]')).not.toHaveText('All services healthy');
    await screenshot('crash-loop');
  });

  it('comes back healthy after the cause is fixed and Retry is pressed', async () => {
    wrapper!.restore();
    const card = serviceCard(BROWSERD);
    await card.$('button=Retry').click();
    await waitForServiceState(BROWSERD, 'Running', 60_000);
    await browser.waitUntil(async () => !(await card.$('span=Unhealthy').isExisting()), {
      timeout: UI_TIMEOUT,
      timeoutMsg: `${BROWSERD} stayed unhealthy after Retry`,
    });
    await browser.waitUntil(
      async () => (await $('[aria-label="Overall status"]').getText()).trim() === 'All services healthy',
      { timeout: 60_000, timeoutMsg: 'the overall status did not return to healthy' },
    );
    await expect(card.$('button=Retry')).not.toBeExisting();
    const pid = await shownPid(BROWSERD);
    expect(pid).not.toBeNull();
    expect(pid).toBe(companion.sidecarPids().browserd);
    await screenshot('crash-loop-retried');
  });
});
