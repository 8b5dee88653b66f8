// Issue #10, points 1 and 3 in Chromium against the simulator: the node host's pairing card
// (Paired → Reset → Not paired → Enroll → Paired, with `node run` following), and the connection
// profile picker (local → remote → local; a strict profile needs the explicit confirmation).
// Screenshots of both cards, light and dark.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { $, browser, expect } from '@wdio/globals';
import { isProcessAlive } from '../../main/core/process/procfs';
import { emulateColorScheme, type ColorScheme } from './harness/color-scheme';
import {
  completeOnboarding,
  openCompanion,
  screenshot,
  showTab,
  UI_TIMEOUT,
  waitForServiceState,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { startRemoteGateway, type RemoteGateway } from './harness/remote-gateway';

const NODE_HOST = 'palyra node host';
const nodeCard = () => $('//section[@aria-labelledby="node-host-heading"]');
const pairingState = () => $('[aria-label="Node host pairing state"]');

async function waitForPairing(text: string): Promise<void> {
  await browser.waitUntil(async () => (await pairingState().getText()).trim() === text, {
    timeout: 60_000,
    interval: 200,
    timeoutMsg: `the node host pairing never showed "${text}"`,
  });
}

async function shotBoth(name: string, ready: () => Promise<unknown>): Promise<void> {
  for (const scheme of ['light', 'dark'] as ColorScheme[]) {
    await emulateColorScheme(scheme);
    await ready();
    await screenshot(`${name}-${scheme}`);
  }
  await emulateColorScheme('light');
}

async function switchProfile(name: string): Promise<void> {
  await $('select[aria-label="Connection profile"]').selectByAttribute('value', name);
  await $('button=Switch').click();
}

describe('node host pairing and connection profiles', () => {
  let companion: CompanionHandle;
  let remote: RemoteGateway;
  let profilesDir = '';

  before(async () => {
    remote = await startRemoteGateway();
    profilesDir = mkdtempSync(join(tmpdir(), 'companion-e2e-profiles-'));
    const profilesPath = join(profilesDir, 'profiles.toml');
    writeFileSync(
      profilesPath,
      [
        'version = 1',
        '[profiles.tunnel]',
        'label = "Lab via SSH tunnel"',
        'mode = "remote"',
        `daemon_url = "${remote.url}"`,
        'admin_token_env = "E2E_TUNNEL_TOKEN"',
        '[profiles.prod]',
        'label = "Production"',
        `daemon_url = "${remote.url}"`,
        'mode = "remote"',
        'strict_mode = true',
        'admin_token_env = "E2E_TUNNEL_TOKEN"',
      ].join('\n'),
    );
    companion = await startCompanion({
      env: { PALYRA_CLI_PROFILES_PATH: profilesPath, E2E_TUNNEL_TOKEN: remote.adminToken },
    });
    await openCompanion(companion);
    await completeOnboarding();
    await showTab('health');
  });

  after(async () => {
    await companion?.stop();
    await remote?.stop();
    if (profilesDir) rmSync(profilesDir, { recursive: true, force: true });
  });

  it('shows the demo node host paired and running, resets it, and enrolls it again', async () => {
    // Demo mode enrolls the simulated node host through the same Enroll flow.
    await waitForPairing('Paired');
    await waitForServiceState(NODE_HOST, 'Running', 60_000);
    await expect(nodeCard()).toHaveText(expect.stringContaining('Paired with this gateway.'));
    await shotBoth('node-host-paired', () => nodeCard().waitForDisplayed({ timeout: UI_TIMEOUT }));

    await nodeCard().$('button=Reset').click();
    await $('button=Confirm reset').click();
    await waitForPairing('Not paired');
    await waitForServiceState(NODE_HOST, 'Stopped');
    await expect(nodeCard().$('button=Enroll')).toBeEnabled();
    await shotBoth('node-host-not-paired', () => nodeCard().$('button=Enroll').waitForDisplayed());

    await nodeCard().$('button=Enroll').click();
    await waitForPairing('Paired');
    await waitForServiceState(NODE_HOST, 'Running', 60_000);
    await expect(nodeCard().$('[role="alert"]')).not.toBeExisting();
    // The Setup view shows the same card.
    await showTab('onboarding');
    await expect(pairingState()).toHaveText('Paired');
    await showTab('health');
  });

  it('switches local → remote → local: the local sidecars stop, nothing runs for the remote, they start again', async () => {
    const localPids = Object.values(companion.sidecarPids());
    expect(localPids.length).toBe(3);
    await shotBoth('profile-picker-local', () =>
      $('select[aria-label="Connection profile"]').waitForDisplayed(),
    );

    await switchProfile('tunnel');
    const note = () => $('[aria-label="Remote profile note"]');
    await note().waitForDisplayed({ timeout: 60_000 });
    await expect(note()).toHaveText(expect.stringContaining(remote.url));
    await browser.waitUntil(async () => localPids.every((pid) => !isProcessAlive(pid)), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'a sidecar of the local profile survived the switch',
    });
    await expect($('//section[@aria-label="Services"]//article')).not.toBeExisting();
    await expect(nodeCard()).not.toBeExisting();
    await expect($('[aria-label="Active profile"]')).toHaveText('Lab via SSH tunnel · remote');
    // The inbox and chat now talk to the remote gateway.
    await showTab('chat');
    await $('textarea[aria-label="Message"]').setValue('hello over the tunnel');
    await $('button=Send').click();
    await $('[role="log"] .msg.assistant:not(.streaming)').waitForExist({ timeout: UI_TIMEOUT });
    await showTab('health');
    await shotBoth('profile-picker-remote', () => note().waitForDisplayed());

    // A strict profile: Switch stays disabled until the operator confirms.
    await $('select[aria-label="Connection profile"]').selectByAttribute('value', 'prod');
    await expect($('button=Switch')).toBeDisabled();
    await shotBoth('profile-picker-strict', () =>
      $('[aria-label="Confirm strict profile"]').waitForDisplayed(),
    );
    await $('[aria-label="Confirm strict profile"]').click();
    await $('button=Switch').click();
    await browser.waitUntil(
      async () => (await $('[aria-label="Active profile"]').getText()) === 'Production · remote',
      {
        timeout: UI_TIMEOUT,
        timeoutMsg: 'the strict profile never became active',
      },
    );

    await switchProfile('desktop-local');
    await waitForServiceState('palyrad', 'Running', 60_000);
    await waitForPairing('Paired');
    await waitForServiceState(NODE_HOST, 'Running', 60_000);
    const fresh = Object.values(companion.sidecarPids());
    expect(fresh.some((pid) => localPids.includes(pid))).toBe(false);
    expect(remote.alive()).toBe(true);
  });
});
