import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CompanionSnapshot, OnboardingSnapshot } from '../../main/contract/model';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import OnboardingView from '../../tray-ui/src/lib/views/OnboardingView.svelte';
import { startStore } from './harness';

function blockedSetup(): Partial<CompanionSnapshot> {
  const base = createSampleSnapshot();
  const onboarding: OnboardingSnapshot = {
    ...base.onboarding,
    completed: false,
    steps: [
      {
        key: 'welcome',
        title: 'Welcome',
        status: 'current',
        detail: 'Palyra runs on this machine.',
        error: null,
      },
      {
        key: 'binaries',
        title: 'Find Palyra binaries',
        status: 'blocked',
        detail: '2 of 3 found.',
        error: {
          code: 'binary_missing',
          message: 'palyra-browserd was not found.',
          hint: 'Install Palyra 0.9 or add its bin folder to PATH, then press Check again.',
        },
      },
      { key: 'state_root', title: 'Choose a state folder', status: 'pending', detail: '', error: null },
      {
        key: 'keychain',
        title: 'Secret storage',
        status: 'blocked',
        detail: '',
        error: {
          code: 'keychain_unavailable',
          message: 'No OS keychain is available.',
          hint: 'Install and unlock gnome-keyring, or opt in to the file store below.',
        },
      },
      { key: 'sidecars', title: 'Start services', status: 'pending', detail: '', error: null },
      { key: 'gateway', title: 'Reach the gateway', status: 'complete', detail: '', error: null },
    ],
    binaries: [
      { service: 'gateway', found: true, path: '/opt/palyra/bin/palyrad', searched: ['/opt/palyra/bin'] },
      {
        service: 'browserd',
        found: false,
        path: null,
        searched: ['/opt/palyra/bin', '/usr/local/bin', '/home/op/.palyra/bin'],
      },
    ],
  };
  return {
    onboarding,
    keychain: {
      backend: 'unavailable',
      insecure: false,
      detail: 'No Secret Service on the session bus.',
      error: {
        code: 'keychain_unavailable',
        message: 'No OS keychain is available.',
        hint: 'Install and unlock gnome-keyring, or opt in to the file store below.',
      },
    },
  };
}

describe('OnboardingView', () => {
  it('shows progress, each step status and the actionable errors with hints', async () => {
    const { store } = await startStore(blockedSetup());
    render(OnboardingView, { store });
    expect(screen.getByRole('progressbar', { name: 'Setup progress' })).toHaveAttribute(
      'aria-valuetext',
      '1 of 6 steps complete',
    );
    const binaries = screen.getByRole('alert', { name: 'Find Palyra binaries problem' });
    expect(binaries).toHaveTextContent('palyra-browserd was not found.');
    expect(binaries).toHaveTextContent('add its bin folder to PATH');
    // Said once: the step's note, not again under the storage line.
    expect(screen.getAllByText('No OS keychain is available.')).toHaveLength(1);
    expect(screen.getByRole('alert', { name: 'Secret storage problem' })).toHaveTextContent(
      'Install and unlock gnome-keyring',
    );
    const list = within(screen.getByRole('list', { name: 'Palyra binaries' }));
    expect(list.getByText('not installed')).toBeInTheDocument();
    expect(screen.getByText('/home/op/.palyra/bin')).toBeInTheDocument(); // every place searched, folded
    expect(screen.getAllByText('Blocked')).toHaveLength(2);
  });

  it('needs the explicit opt-in before using the insecure file store', async () => {
    const { client, store } = await startStore(blockedSetup());
    render(OnboardingView, { store });
    const user = userEvent.setup();
    const button = screen.getByRole('button', { name: 'Use insecure file store' });
    expect(button).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: /not in a keychain/ }));
    expect(button).toBeEnabled();
    await user.click(button);
    expect(client.callsOf('onboarding.useInsecureSecretStore')).toEqual([{ accept: true }]);
  });

  it('acknowledges the welcome, sets a state root and rechecks', async () => {
    const { client, store } = await startStore(blockedSetup());
    render(OnboardingView, { store });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Get started' }));
    expect(client.callsOf('onboarding.acknowledgeWelcome')).toEqual([{}]);
    await user.type(screen.getByRole('textbox', { name: 'State folder' }), '/data/palyra');
    await user.click(screen.getByRole('button', { name: 'Use folder' }));
    expect(client.callsOf('onboarding.setStateRoot')).toEqual([{ path: '/data/palyra' }]);
    await user.click(await screen.findByRole('button', { name: 'Use default' }));
    expect(client.callsOf('onboarding.setStateRoot')).toEqual([{ path: '/data/palyra' }, { path: null }]);
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    expect(client.callsOf('onboarding.recheck')).toEqual([{}]);
  });

  it('confirms the shown state folder in one click', async () => {
    const setup = blockedSetup();
    const { client, store } = await startStore({
      ...setup,
      onboarding: { ...setup.onboarding!, stateRootOverridden: false },
    });
    render(OnboardingView, { store });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Confirm this folder' }));
    // The default folder is confirmed as "no override" (null), not pinned as a custom path.
    expect(client.callsOf('onboarding.setStateRoot')).toEqual([{ path: null }]);
  });

  it('shows a failed state-root change with its hint', async () => {
    const { client, store } = await startStore(blockedSetup());
    client.failNext('onboarding.setStateRoot', {
      code: 'state_root_not_writable',
      message: '/root is not writable.',
      hint: 'Pick a folder your user can write to.',
    });
    render(OnboardingView, { store });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'State folder' }), '/root');
    await user.click(screen.getByRole('button', { name: 'Use folder' }));
    expect(await screen.findByText('Pick a folder your user can write to.')).toBeInTheDocument();
  });
});

describe('OnboardingView binaries', () => {
  it('lists missing binaries first, each once, with the places searched folded and de-duplicated', async () => {
    const base = createSampleSnapshot();
    const searched = ['/opt/app/resources', '/usr/local/bin', '/usr/bin'];
    const { store } = await startStore({
      onboarding: {
        ...base.onboarding,
        completed: false,
        binaries: ['gateway', 'browserd', 'nodehost'].map((service) => ({
          service,
          found: false,
          path: null,
          searched,
        })),
      },
    });
    render(OnboardingView, { store });
    const list = within(screen.getByRole('list', { name: 'Palyra binaries' }));
    expect(list.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Gateway (palyrad): not installed',
      'Browser service (palyra-browserd): not installed',
      'Node host (palyra node): not installed',
    ]);
    const disclosure = screen.getByText('Where the companion looked (3 places)').closest('details')!;
    expect(disclosure.open).toBe(false);
    expect(within(disclosure).getAllByRole('listitem')).toHaveLength(3);
  });
});
