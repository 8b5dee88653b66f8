// Issue #11, point 1: with no Palyra binaries (and no keychain either), every empty or broken
// state points at the one next thing: Health lists the three services as not installed with a
// way to Setup; Start all and Open dashboard say binaries are missing (not keychain/admin token);
// Setup lists the missing binaries first, each once, with the places searched folded.
import { $, $$, browser, expect } from '@wdio/globals';
import { openCompanion, showTab, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { inEveryLook, pageText } from './looks/looks';

describe('Palyra not installed', () => {
  let companion: CompanionHandle;

  before(async () => {
    companion = await startCompanion({
      demo: false,
      // No Palyra anywhere the resolver looks.
      env: {
        PATH: '/usr/bin:/bin',
        PALYRA_DESKTOP_PALYRAD_BIN: '',
        PALYRA_DESKTOP_BROWSERD_BIN: '',
        PALYRA_DESKTOP_PALYRA_BIN: '',
      },
    });
    await openCompanion(companion);
  });

  after(async () => {
    await companion?.stop();
  });

  it('Health lists gateway, browserd and node host as not installed and points to Setup', async () => {
    await showTab('health');
    const list = $('ul[aria-label="Services not installed"]');
    await list.waitForDisplayed({ timeout: UI_TIMEOUT });
    expect(await list.$$('span=Not installed').length).toBe(3);
    await expect($('[aria-label="Overall status"]')).toHaveText('Palyra not installed');
    await inEveryLook('not-installed-health', async () => {
      await expect($('button=Open Setup')).toBeDisplayed();
    });
  });

  it('Start all and Open dashboard say the binaries are missing, not the keychain or admin token', async () => {
    await showTab('health');
    await $('button=Start all').click();
    const alert = $('//section[@aria-labelledby="overall-heading"]//*[@role="alert"]');
    await alert.waitForDisplayed({ timeout: UI_TIMEOUT });
    const startText = await alert.getText();
    expect(startText).toContain('binaries are missing');
    expect(startText).not.toMatch(/keychain|admin token/i);

    await showTab('settings');
    await $('button=Open dashboard').click();
    const dashAlert = $('//section[@aria-labelledby="dashboard-heading"]//*[@role="alert"]');
    await dashAlert.waitForDisplayed({ timeout: UI_TIMEOUT });
    const dashText = await dashAlert.getText();
    expect(dashText).toContain('binaries are missing');
    expect(dashText).not.toMatch(/keychain|admin token/i);
  });

  it('Setup lists each missing binary once, first, with the search paths folded and de-duplicated', async () => {
    await showTab('onboarding');
    const items = await $$('ul[aria-label="Palyra binaries"] > li').map((li) => li.getText());
    expect(items).toEqual([
      'Gateway (palyrad): not installed',
      'Browser service (palyra-browserd): not installed',
      'Node host (palyra node): not installed',
    ]);
    const problem = await $('[aria-label="Palyra binaries problem"]').getText();
    expect(problem).toContain('gateway (palyrad), browser service (palyra-browserd) and node host (palyra)');
    // Folded: the paths are behind a closed disclosure, each listed once.
    const details = $('details.searched-places');
    expect(await details.getAttribute('open')).toBeNull();
    expect(await pageText()).not.toContain('/usr/bin/palyrad');
    await details.$('summary').click();
    const places = await details.$$('li').map((li) => li.getText());
    expect(places.length).toBeGreaterThan(0);
    expect(new Set(places).size).toBe(places.length);
    await inEveryLook('not-installed-setup', async () => {
      await expect($('ol[aria-label="Setup steps"]')).toBeDisplayed();
    });
    await browser.execute(() => window.scrollTo(0, 0));
  });
});
