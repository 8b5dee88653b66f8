// Issue #4, flow 1: first run without a keychain. The keychain step is blocked, the operator
// accepts the insecure token file, the sidecars start and every setup step ends Done.
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

const SERVICES = ['palyrad', 'palyra-browserd', 'palyra node host'];

describe('onboarding', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
  });

  after(async () => {
    await companion?.stop();
  });

  it('starts with the keychain blocked and no sidecar running', async () => {
    await showTab('onboarding');
    await browser.waitUntil(async () => (await stepStatus('Keychain')) === 'Blocked', {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the Keychain step was not blocked',
    });
    await expect($('button=Use insecure file store')).toBeDisabled();
    await expect($('//*[@aria-label="Keychain problem"]')).toBeDisplayed();
    expect(companion.sidecarPids()).toEqual({});
  });

  it('accepts the insecure file store, after which every service goes healthy', async () => {
    await completeOnboarding({
      onStage: async (stage) => {
        if (stage === 'keychain-blocked') await screenshot('onboarding-keychain-blocked');
      },
    });
    await expect($('p*=Setup complete.')).toBeDisplayed();
    for (const title of [
      'Welcome',
      'Palyra binaries',
      'State root',
      'Keychain',
      'Sidecars running',
      'Gateway reachable',
    ]) {
      expect(await stepStatus(title)).toBe('Done');
    }
    await expect($('//li[.//h3[normalize-space()="Sidecars running"]]//p')).toHaveText(
      'palyrad, palyra-browserd, palyra node host healthy.',
    );
    await screenshot('onboarding-complete');
  });

  it('shows gateway, browserd and node host running and healthy in the Health view', async () => {
    await showTab('health');
    for (const name of SERVICES) {
      await waitForServiceState(name, 'Running');
      await expect(serviceCard(name).$('span=Unhealthy')).not.toBeExisting();
    }
    await expect($('[aria-label="Overall status"]')).toHaveText('All services healthy');
    const pids = companion.sidecarPids();
    expect(await shownPid('palyrad')).toBe(pids.gateway);
    expect(await shownPid('palyra-browserd')).toBe(pids.browserd);
    expect(await shownPid('palyra node host')).toBe(pids.nodehost);
    await screenshot('onboarding-health');
  });
});
