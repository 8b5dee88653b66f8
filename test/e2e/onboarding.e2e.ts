// Issue #11, point 1: `npm start -- --demo` on a box without a D-Bus keychain starts all three
// demo sidecars with no clicks. Demo tokens live in memory: no keychain step to pass, no insecure
// file written. (Before: the Keychain step was Blocked and nothing started until the operator
// ticked the insecure file store in Setup.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  serviceCard,
  showTab,
  shownPid,
  stepStatus,
  UI_TIMEOUT,
  waitForServiceState,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { inEveryLook } from './looks/looks';

const SERVICES = ['palyrad', 'palyra-browserd', 'palyra node host'];

describe('first run of the demo', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
  });

  after(async () => {
    await companion?.stop();
  });

  it('starts gateway, browserd and node host with no clicks and no keychain', async () => {
    await showTab('health');
    for (const name of SERVICES) await waitForServiceState(name, 'Running', 60_000);
    await browser.waitUntil(
      async () => (await $('[aria-label="Overall status"]').getText()) === 'All services healthy',
      { timeout: UI_TIMEOUT, timeoutMsg: 'the demo never reached "All services healthy" on its own' },
    );
    const pids = companion.sidecarPids();
    expect(Object.keys(pids).sort()).toEqual(['browserd', 'gateway', 'nodehost']);
    expect(await shownPid('palyrad')).toBe(pids.gateway);
    // Nothing persisted the demo's throwaway tokens.
    expect(existsSync(join(companion.stateRoot, 'companion', 'secrets.insecure.json'))).toBe(false);
    await inEveryLook('first-run-health', async () => {
      for (const name of SERVICES) await expect(serviceCard(name).$('span=Unhealthy')).not.toBeExisting();
    });
  });

  it('shows the keychain step done with memory-only demo tokens', async () => {
    await showTab('onboarding');
    expect(await stepStatus('Keychain')).toBe('Done');
    await expect($('//li[.//h3[normalize-space()="Keychain"]]//strong')).toHaveText('Memory only (demo)');
    await expect($('button=Use insecure file store')).not.toBeExisting();
    await inEveryLook('first-run-setup', async () => {
      await expect($('ol[aria-label="Setup steps"]')).toBeDisplayed();
    });
  });

  it('finishes Setup with the two acknowledgements only', async () => {
    await completeOnboarding();
    await expect($('p*=Setup complete.')).toBeDisplayed();
    await expect($('//li[.//h3[normalize-space()="Sidecars running"]]//p')).toHaveText(
      'palyrad, palyra-browserd, palyra node host healthy.',
    );
    await expect($('#tab-onboarding .dot')).not.toBeExisting();
    await screenshot('onboarding-complete');
  });
});
