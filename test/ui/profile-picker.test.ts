// ProfilePicker: lists Palyra's CLI connection profiles, switches, requires the explicit strict
// confirmation, and explains a remote profile.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConnectionProfileView, ProfilesSnapshot } from '../../main/contract/model';
import ProfilePicker from '../../tray-ui/src/lib/components/ProfilePicker.svelte';
import { startStore } from './harness';

const profile = (p: Partial<ConnectionProfileView> & { name: string }): ConnectionProfileView => ({
  label: p.name,
  environment: 'local',
  color: 'emerald',
  riskLevel: 'low',
  strictMode: false,
  mode: 'local',
  daemonUrl: 'http://127.0.0.1:7142',
  implicit: false,
  active: false,
  lastUsedAtMs: null,
  ...p,
});

const catalog: ProfilesSnapshot = {
  active: 'desktop-local',
  path: '/home/op/.local/state/palyra/cli/profiles.toml',
  switching: false,
  error: null,
  profiles: [
    profile({ name: 'desktop-local', label: 'Desktop local', implicit: true, active: true }),
    profile({
      name: 'prod',
      label: 'Production',
      mode: 'remote',
      strictMode: true,
      environment: 'production',
      riskLevel: 'high',
      color: 'red',
      daemonUrl: 'https://prod.example',
    }),
    profile({
      name: 'tunnel',
      label: 'Lab via SSH tunnel',
      mode: 'remote',
      environment: 'production',
      riskLevel: 'elevated',
      color: 'amber',
      daemonUrl: 'http://127.0.0.1:17142',
    }),
  ],
};

describe('ProfilePicker', () => {
  it('switches to a remote profile and then says nothing is supervised here', async () => {
    const { client, store } = await startStore({ profiles: catalog });
    render(ProfilePicker, { store });
    expect(screen.getByLabelText('Active profile')).toHaveTextContent('Desktop local · local');
    const switchButton = screen.getByRole('button', { name: 'Switch' });
    expect(switchButton).toBeDisabled();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Connection profile' }), 'tunnel');
    expect(screen.getByText(/nothing runs on this machine; the local sidecars stop/)).toBeInTheDocument();
    await userEvent.click(switchButton);
    expect(client.callsOf('profile.switch')).toEqual([{ profileName: 'tunnel' }]);
    expect(await screen.findByLabelText('Remote profile note')).toHaveTextContent('http://127.0.0.1:17142');
    expect(screen.getByLabelText('Active profile')).toHaveTextContent('Lab via SSH tunnel · remote');
  });

  it('needs the explicit confirmation before switching to a strict profile', async () => {
    const { client, store } = await startStore({ profiles: catalog });
    render(ProfilePicker, { store });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Connection profile' }), 'prod');
    const switchButton = screen.getByRole('button', { name: 'Switch' });
    expect(switchButton).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Confirm strict profile' }));
    await userEvent.click(switchButton);
    expect(client.callsOf('profile.switch')).toEqual([{ profileName: 'prod', allowStrict: true }]);
    expect(await screen.findByLabelText('Active profile')).toHaveTextContent('Production · remote');
  });

  it('shows a broken profiles file with what to do, and where profiles come from when there are none', async () => {
    const broken = await startStore({
      profiles: {
        ...catalog,
        profiles: [catalog.profiles[0]!],
        error: {
          code: 'profiles_invalid',
          message: 'The CLI profiles file is not valid: line 3: unterminated string.',
          hint: 'Fix /home/op/.local/state/palyra/cli/profiles.toml, then reopen the profile picker.',
        },
      },
    });
    render(ProfilePicker, { store: broken.store });
    const alert = screen.getByRole('alert', { name: 'Profiles problem' });
    expect(alert).toHaveTextContent('line 3: unterminated string');
    expect(screen.getByText(/No other profiles/)).toHaveTextContent('cli/profiles.toml');
  });
});
