import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../tray-ui/src/App.svelte';
import { createSampleSnapshot, sampleApproval } from '../../tray-ui/src/lib/client/sample-snapshot';
import { startStore } from './harness';

afterEach(() => {
  delete document.documentElement.dataset.ready;
  delete document.documentElement.dataset.theme;
  performance.clearMarks();
});

describe('App', () => {
  it('marks the first rendered snapshot for benchmarks and e2e', async () => {
    const { store } = await startStore();
    expect(document.documentElement.dataset.ready).toBeUndefined();
    render(App, { store });
    await expect.poll(() => document.documentElement.dataset.ready).toBe('true');
    expect(performance.getEntriesByName('first-snapshot', 'mark')).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Status' })).toBeInTheDocument();
  });

  it('shows the approvals badge and switches view on navigate events', async () => {
    const now = Date.now();
    const { client, store } = await startStore({ approvals: [0, 1, 2].map((i) => sampleApproval(i, now)) });
    render(App, { store });
    const tab = screen.getByRole('tab', { name: /Approvals/ });
    expect(within(tab).getByLabelText('3 pending')).toBeInTheDocument();
    client.emit('navigate', { view: 'approvals', approvalId: 'apr-0001' });
    await expect
      .poll(() => screen.getByRole('tab', { name: /Approvals/ }).getAttribute('aria-selected'))
      .toBe('true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName(/Approvals/);
    expect(screen.getByRole('article', { name: 'Run shell command #2' })).toBeInTheDocument();
    client.emit('navigate', { view: 'chat' });
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeInTheDocument();
  });

  it('moves between tabs with the arrow keys', async () => {
    const { store } = await startStore();
    render(App, { store });
    const user = userEvent.setup();
    screen.getByRole('tab', { name: 'Health' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: /Approvals/ })).toHaveFocus();
    expect(store.view).toBe('approvals');
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Settings' })).toHaveFocus();
    expect(await screen.findByRole('form', { name: 'Settings' })).toBeInTheDocument();
  });

  it('shows a banner while the connection to the companion is lost', async () => {
    const { client, store } = await startStore();
    render(App, { store });
    expect(screen.queryByRole('alert', { name: 'Connection to companion lost' })).toBeNull();
    client.setLink({
      state: 'lost',
      attempt: 2,
      nextRetryAtMs: Date.now() + 4000,
      lastError: 'socket closed',
    });
    const banner = await screen.findByRole('alert', { name: 'Connection to companion lost' });
    expect(banner).toHaveTextContent(/Retrying in [3-4]s \(attempt 2\)/);
    // Actions are paused while the link is down.
    expect(
      within(screen.getByRole('group', { name: 'Gateway (palyrad) controls' })).getByRole('button', {
        name: 'Stop',
      }),
    ).toBeDisabled();
    client.setLink({ state: 'open', attempt: 0, nextRetryAtMs: null, lastError: null });
    await expect.poll(() => screen.queryByRole('alert', { name: 'Connection to companion lost' })).toBeNull();
    // Reconnected: the store re-reads the snapshot instead of trusting possibly stale state.
    await expect.poll(() => client.callsOf('snapshot.get').length).toBe(2);
  });

  it('applies the theme override and follows the system otherwise', async () => {
    const { client, store } = await startStore();
    render(App, { store });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    client.patch({ preferences: { ...client.snapshot.preferences, theme: 'dark' } });
    await expect.poll(() => document.documentElement.dataset.theme).toBe('dark');
    client.patch({ preferences: { ...client.snapshot.preferences, theme: 'system' } });
    await expect.poll(() => document.documentElement.dataset.theme).toBeUndefined();
  });

  it('shows warnings and the insecure keychain state', async () => {
    const { store } = await startStore({
      warnings: ['Desktop companion shell is disabled by rollout configuration.'],
      keychain: { backend: 'insecure-file', insecure: true, detail: '0600 file', error: null },
    });
    render(App, { store });
    const notices = within(screen.getByRole('region', { name: 'Notices' }));
    expect(notices.getByText('Secrets in insecure file store')).toBeInTheDocument();
    await userEvent.setup().click(notices.getByRole('button', { name: '1 warning' }));
    expect(notices.getByRole('list', { name: 'Warnings' })).toHaveTextContent(
      'disabled by rollout configuration',
    );
  });

  it('marks notifications read from the health view', async () => {
    const { client, store } = await startStore();
    render(App, { store });
    expect(screen.getByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    await user.click(screen.getByRole('button', { name: 'Notifications, 1 unread' }));
    expect(screen.getByRole('tab', { name: 'Health' })).toHaveAttribute('aria-selected', 'true');
    // A pending approval's entry opens it (and counts as read) or decides it right there.
    await user.click(screen.getByRole('button', { name: 'Open “Approval needed”' }));
    expect(client.callsOf('notifications.markRead')).toEqual([{ ids: ['n1'] }]);
    expect(screen.getByRole('tab', { name: /Approvals/ })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
  });

  it("marks a decided approval's notification resolved and offers approve/deny only while it waits", async () => {
    const { client, store } = await startStore();
    render(App, { store });
    const user = userEvent.setup();
    const entry = () => within(screen.getByRole('listitem', { name: 'Approval needed' }));
    expect(entry().getByText('Waiting')).toBeInTheDocument();
    await user.click(entry().getByRole('button', { name: 'Approve “Approval needed” once' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: true, scope: 'once' },
    ]);
    expect(await entry().findByText('Resolved')).toBeInTheDocument();
    expect(entry().queryByRole('button', { name: /Approve/ })).toBeNull();
  });

  it('keeps one scroll box: the notification list itself never scrolls', async () => {
    const { store } = await startStore();
    render(App, { store });
    const list = screen.getByRole('list', { name: 'Notification list' });
    expect(getComputedStyle(list).overflowY).not.toBe('auto');
    expect(getComputedStyle(list).maxHeight).toBe('none');
  });

  it('says "Starting…" during a planned start and puts no attention dot on Setup', async () => {
    const base = createSampleSnapshot();
    const { store } = await startStore({
      overall: 'starting',
      services: base.services.map((s) =>
        s.kind === 'gateway' ? { ...s, state: 'starting', health: 'unknown' } : s,
      ),
      onboarding: {
        ...base.onboarding,
        completed: false,
        steps: base.onboarding.steps.map((s) =>
          s.key === 'sidecars' || s.key === 'gateway' ? { ...s, status: 'current' } : s,
        ),
      },
    });
    render(App, { store });
    expect(screen.getByTitle('Overall status')).toHaveTextContent('Starting…');
    expect(screen.getByTitle('Overall status')).not.toHaveTextContent(/healthy/i);
    expect(screen.getByRole('tab', { name: /Setup/ }).querySelector('.dot')).toBeNull();
  });

  it('names a deliberately stopped service instead of "All services healthy"', async () => {
    const base = createSampleSnapshot();
    const { store } = await startStore({
      overall: 'partial',
      services: base.services.map((s) =>
        s.kind === 'browserd' ? { ...s, desired: false, state: 'stopped', pid: null } : s,
      ),
    });
    render(App, { store });
    expect(screen.getByTitle('Overall status')).toHaveTextContent('Browser service stopped');
  });

  it('shows a failed first load with a way to try again', async () => {
    const { FakeClient } = await import('../../tray-ui/src/lib/client/fake-client');
    const { CompanionStore } = await import('../../tray-ui/src/lib/store.svelte');
    const client = new FakeClient();
    client.failNext('snapshot.get', {
      code: 'core_down',
      message: 'Core is not running.',
      hint: 'Restart the app.',
    });
    const store = new CompanionStore(client);
    render(App, { store });
    await store.start();
    expect(
      await screen.findByRole('alert', { name: 'Could not load the companion state' }),
    ).toHaveTextContent('Restart the app.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Status' })).toBeInTheDocument();
  });
});
