// The views in Czech: real words (not keys, not English), Czech plural forms for counts, core's
// texts said through their codes, and the language setting switching the whole UI without a reload.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../../tray-ui/src/App.svelte';
import { setLocale, t } from '../../../tray-ui/src/lib/i18n';
import { errorText, notificationTitle } from '../../../tray-ui/src/lib/i18n/core-text';
import HealthView from '../../../tray-ui/src/lib/views/HealthView.svelte';
import OnboardingView from '../../../tray-ui/src/lib/views/OnboardingView.svelte';
import ApprovalsView from '../../../tray-ui/src/lib/views/ApprovalsView.svelte';
import { startStore } from '../harness';

afterEach(() => setLocale('en'));

describe('Czech', () => {
  it('renders Health in Czech, with the services’ states and controls', async () => {
    setLocale('cs');
    const { store } = await startStore();
    render(HealthView, { store });
    expect(screen.getByRole('heading', { name: 'Stav' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Restartovat vše' })).toBeInTheDocument();
    expect(screen.getAllByText('Běží').length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: 'Oznámení' })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Restart all|Running|Mark all read/);
  });

  it('renders Approvals in Czech, the gateway’s own words left as they came', async () => {
    setLocale('cs');
    const { store } = await startStore();
    render(ApprovalsView, { store });
    expect(screen.getByRole('heading', { name: 'Schválení' })).toBeInTheDocument();
    expect(screen.getAllByPlaceholderText('Důvod (nepovinné)').length).toBeGreaterThan(0);
    const title = store.snapshot!.approvals[0]!.title;
    expect(screen.getAllByText(title)[0]).toHaveAttribute('data-i18n', 'external');
    // palyrad's own default options read in Czech; an option it words otherwise stays as sent.
    const choices = within(screen.getByRole('group', { name: `Rozhodnutí pro ${title}` }));
    expect(choices.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Povolit jednou',
      'Povolit pro relaci',
      'Allow for 10 minutes',
      'Zamítnout',
    ]);
    expect(choices.getByRole('button', { name: 'Povolit pro relaci' })).toHaveAccessibleDescription(
      'Zapamatovat schválení pro tuto relaci',
    );
    expect(choices.getByRole('button', { name: 'Povolit pro relaci' })).not.toHaveAttribute('data-i18n');
    expect(choices.getByRole('button', { name: 'Allow for 10 minutes' })).toHaveAttribute(
      'data-i18n',
      'external',
    );
  });

  it('renders Setup steps by their codes, not core’s English', async () => {
    setLocale('cs');
    const { store } = await startStore();
    render(OnboardingView, { store });
    expect(screen.getByRole('heading', { name: 'Nastavení Palyry' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Vítejte' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Kroky nastavení' })).getAllByText('Hotovo').length).toBe(
      store.snapshot!.onboarding.steps.filter((s) => s.status === 'complete').length,
    );
  });

  it('uses the Czech plural forms: one, few (2–4), other', () => {
    setLocale('cs');
    expect(t('nav.warningCount', { count: 1 })).toBe('1 varování');
    expect(t('logs.copied', { count: 1 })).toBe('Zkopírován 1 řádek.');
    expect(t('logs.copied', { count: 3 })).toBe('Zkopírovány 3 řádky.');
    expect(t('logs.copied', { count: 5 })).toBe('Zkopírováno 5 řádků.');
    expect(t('nav.draftsBadge', { count: 2 })).toBe('2 offline koncepty');
    expect(t('nav.draftsBadge', { count: 12 })).toBe('12 offline konceptů');
    setLocale('en');
    expect(t('logs.copied', { count: 1 })).toBe('Copied 1 line.');
    expect(t('logs.copied', { count: 3 })).toBe('Copied 3 lines.');
  });

  it('translates core’s errors and notifications by code, keeping foreign text as it came', () => {
    setLocale('cs');
    const missing = errorText({
      code: 'binary_missing',
      message: 'Palyra is not installed here: the gateway (palyrad) binary is missing.',
      hint: 'Install Palyra (or point PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN at the executables), then press Check again in Setup. To try the app without Palyra, run npm start -- --demo.',
      params: { services: 'gateway,browserd', count: 2 },
    });
    expect(missing.message).toBe(
      'Palyra tu není nainstalovaná; chybí: Brána (palyrad), Služba prohlížeče (palyra-browserd).',
    );
    expect(missing.hint).toMatch(/^Nainstalujte Palyru/);
    const gateway = errorText({
      code: 'gateway_unavailable',
      message: 'upstream said: not ready',
      hint: 'The gateway is not ready; wait for it to become healthy and retry.',
    });
    expect(gateway).toEqual({
      message: 'upstream said: not ready',
      hint: 'Brána (palyrad) ještě není připravená; počkejte, až bude v pořádku, a zkuste to znovu.',
      external: true,
    });
    expect(
      notificationTitle({
        id: 'n',
        kind: 'crash',
        title: 'Gateway crashed',
        detail: '',
        createdAtMs: 0,
        read: false,
        code: 'crash',
        params: { name: 'Gateway', code: 1 },
      }),
    ).toBe('Gateway spadl');
  });

  it('switches the whole UI when the language setting is saved, without a reload', async () => {
    setLocale('en');
    const { store } = await startStore();
    store.view = 'settings';
    render(App, { store });
    const user = userEvent.setup();
    expect(screen.getByRole('tab', { name: /Settings/ })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Čeština' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('tab', { name: /Nastavení/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Schválení/ })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('cs');
    expect(store.snapshot?.preferences.language).toBe('cs');
    // The save's own note is said in the language it just switched to.
    expect(await screen.findByText('Nastavení uloženo.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Uložit' }));
    expect(await screen.findByRole('tab', { name: /Settings/ })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('says the save note in the new language when the switch arrives after the reply', async () => {
    // The real host answers the call before core's snapshot patch reaches the page.
    setLocale('en');
    const { store, client } = await startStore();
    store.view = 'settings';
    render(App, { store });
    const patch = client.patch.bind(client);
    const delayed = vi.spyOn(client, 'patch').mockImplementation((changes) => {
      const sent = { ...changes, revision: client.snapshot.revision + 1 };
      setTimeout(() => patch(changes), 20);
      return sent;
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Čeština' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Nastavení uloženo.')).toBeInTheDocument();
    expect(screen.queryByText('Settings saved.')).toBeNull();
    delayed.mockRestore();
  });
});
