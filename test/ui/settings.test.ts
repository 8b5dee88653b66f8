import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import SettingsView from '../../tray-ui/src/lib/views/SettingsView.svelte';
import { startStore } from './harness';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SettingsView', () => {
  it('saves only what changed', async () => {
    const { client, store } = await startStore();
    render(SettingsView, { store });
    const user = userEvent.setup();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    await user.click(screen.getByRole('switch', { name: 'Voice capture' }));
    await user.click(screen.getByRole('checkbox', { name: 'Start at login' }));
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    const hotkey = screen.getByRole('textbox', { name: 'Hotkey' });
    await user.clear(hotkey);
    await user.type(hotkey, 'Alt+Shift+P');
    expect(save).toBeEnabled();
    await user.click(save);

    expect(client.callsOf('settings.save')).toEqual([
      {
        rollout: { voice_capture_enabled: true },
        preferences: { globalHotkey: 'Alt+Shift+P', startAtLogin: true, theme: 'dark' },
      },
    ]);
    expect(await screen.findByRole('status')).toHaveTextContent('Settings saved.');
    expect(store.snapshot?.preferences.theme).toBe('dark');
    expect(save).toBeDisabled();
  });

  it('will not save an empty hotkey', async () => {
    const { store } = await startStore();
    render(SettingsView, { store });
    const user = userEvent.setup();
    await user.clear(screen.getByRole('textbox', { name: 'Hotkey' }));
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows the hotkey registration error', async () => {
    const base = createSampleSnapshot();
    const { store } = await startStore({
      hotkey: {
        ...base.hotkey,
        registered: false,
        error: "desktop global hotkey 'CommandOrControl+Shift+Space' could not be registered: already taken",
      },
    });
    render(SettingsView, { store });
    const alert = screen.getByRole('alert', { name: 'Hotkey registration failed' });
    expect(alert).toHaveTextContent('could not be registered: already taken');
    expect(alert).toHaveTextContent('Choose another shortcut');
  });

  it('shows a failed save with its hint', async () => {
    const { client, store } = await startStore();
    client.failNext('settings.save', {
      code: 'settings_write_failed',
      message: 'Could not write settings.json.',
      hint: 'Check the state folder is writable.',
    });
    render(SettingsView, { store });
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Start at login' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert', { name: 'Saving failed' })).toHaveTextContent(
      'Check the state folder is writable.',
    );
  });

  it('opens the dashboard hand-off in a new tab in the browser host', async () => {
    const { client, store } = await startStore();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(SettingsView, { store });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open dashboard' }));
    expect(client.callsOf('dashboard.open')).toEqual([{}]);
    expect(open).toHaveBeenCalledWith(
      'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=fake',
      '_blank',
      'noopener',
    );
  });
});

describe('SettingsView with changes made elsewhere', () => {
  it('takes outside changes into untouched fields and keeps the operator’s edits', async () => {
    const { client, store } = await startStore();
    render(SettingsView, { store });
    client.patch({ preferences: { ...client.snapshot.preferences, startAtLogin: true } });
    await expect.poll(() => screen.getByRole('checkbox', { name: 'Start at login' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

    const user = userEvent.setup();
    await user.click(screen.getByRole('switch', { name: 'Offline drafts' }));
    client.patch({ preferences: { ...client.snapshot.preferences, logFilesEnabled: false } });
    await expect
      .poll(() => screen.getByRole('checkbox', { name: 'Keep service logs in files' }))
      .not.toBeChecked();
    expect(screen.getByRole('switch', { name: 'Offline drafts' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Only the operator's own edit is sent; the outside change is not reverted.
    expect(client.callsOf('settings.save')).toEqual([{ rollout: { offline_drafts_enabled: false } }]);
  });
});

describe('SettingsView in a browser tab', () => {
  it('says start at login and the hotkey work only in the desktop app, with why', async () => {
    const { client, store } = await startStore();
    Object.defineProperty(client, 'transport', { value: 'websocket' });
    render(SettingsView, { store });
    expect(screen.getAllByText('Only in the desktop app')).toHaveLength(2);
    expect(screen.getAllByText(/runs in a browser, which cannot do this/)).toHaveLength(2);
    expect(screen.getByRole('checkbox', { name: /Start at login/ })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /Enable global hotkey/ })).toBeDisabled();
    expect(screen.queryByText('Not registered.')).toBeNull();
  });
});
