import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sampleApproval } from '../../tray-ui/src/lib/client/sample-snapshot';
import ApprovalsView from '../../tray-ui/src/lib/views/ApprovalsView.svelte';
import { startStore } from './harness';

function card(title: string) {
  return within(screen.getByRole('article', { name: title }));
}

describe('ApprovalsView', () => {
  it('approves with scope "session" and sends exactly those params', async () => {
    const { client, store } = await startStore();
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    const c = card('Run shell command #1');
    await user.click(c.getByRole('radio', { name: 'Session' }));
    await user.click(c.getByRole('button', { name: 'Approve' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: true, scope: 'session' },
    ]);
    // The decided approval leaves the inbox when core patches it away.
    await expect.poll(() => screen.queryByRole('article', { name: 'Run shell command #1' })).toBeNull();
  });

  it('denies timeboxed with the chosen TTL and a reason', async () => {
    const { client, store } = await startStore();
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    const c = card('Run shell command #3');
    await user.click(c.getByRole('radio', { name: 'For…' }));
    await user.selectOptions(c.getByRole('combobox', { name: 'Approval duration' }), '8 hours');
    await user.type(c.getByRole('textbox', { name: 'Reason' }), '  not on a Friday ');
    await user.click(c.getByRole('button', { name: 'Deny' }));
    expect(client.callsOf('approval.decide')).toEqual([
      {
        approvalId: 'apr-0002',
        approved: false,
        scope: 'timeboxed',
        ttlMs: 8 * 3600_000,
        reason: 'not on a Friday',
      },
    ]);
  });

  it('shows risk as text, age and a ticking time left', async () => {
    const now = Date.now();
    const { store } = await startStore({
      approvals: [sampleApproval(2, now, { requestedAtMs: now - 90_000, expiresAtMs: now + 125_000 })],
    });
    render(ApprovalsView, { store });
    const c = card('Run shell command #3');
    expect(c.getByText('High risk')).toBeInTheDocument();
    expect(c.getByText(/requested 1m ago/)).toBeInTheDocument();
    const left = c.getByText(/left$/);
    expect(left.textContent).toMatch(/^2:0[0-5] left$/);
    const first = left.textContent;
    await expect.poll(() => c.getByText(/left$/).textContent, { timeout: 5000 }).not.toBe(first);
  });

  it('is busy while the decision is sent and keeps the approval with the error when it fails', async () => {
    const { client, store } = await startStore();
    const release = client.holdNext('approval.decide');
    client.failNext('approval.decide', {
      code: 'gateway_unreachable',
      message: 'The gateway did not answer.',
      hint: 'Check that palyrad is running, then decide again.',
    });
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    await user.click(card('Run shell command #1').getByRole('button', { name: 'Approve' }));
    expect(card('Run shell command #1').getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(card('Run shell command #1').getByRole('button', { name: 'Deny' })).toBeDisabled();
    release();
    const alert = await card('Run shell command #1').findByRole('alert', { name: 'Decision failed' });
    expect(alert).toHaveTextContent('Check that palyrad is running, then decide again.');
    expect(card('Run shell command #1').getByRole('button', { name: 'Approve' })).toBeEnabled();
  });

  it('renders 10,000 approvals with a screenful of cards, and every one is reachable by scrolling', async () => {
    const now = Date.now();
    const approvals = Array.from({ length: 10_000 }, (_, i) => sampleApproval(i, now));
    const { store } = await startStore({ approvals });
    const started = performance.now();
    render(ApprovalsView, { store });
    const elapsed = performance.now() - started;
    // A generous budget for a loaded 2-core machine; virtualisation is what keeps it far below.
    expect(elapsed).toBeLessThan(1500);
    expect(screen.getByRole('status')).toHaveTextContent('10000 pending');
    const first = screen.getAllByRole('article');
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(15);
    const list = screen.getByRole('list', { name: 'Pending approvals' });
    const viewport = list.parentElement!.parentElement!;
    viewport.scrollTop = Number.parseFloat(list.parentElement!.style.height);
    await fireEvent.scroll(viewport);
    expect(await screen.findByRole('article', { name: 'Run shell command #10000' })).toBeInTheDocument();
    expect(screen.getAllByRole('article').length).toBeLessThan(15);
  });

  it('applies a per-approval remove patch to the list without resending it', async () => {
    const now = Date.now();
    const approvals = Array.from({ length: 3 }, (_, i) => sampleApproval(i, now));
    const { client, store } = await startStore({ approvals });
    render(ApprovalsView, { store });
    client.patch({ approvalPatches: [{ op: 'remove', approvalId: 'apr-0001' }] });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 pending'));
    expect(screen.queryByRole('article', { name: 'Run shell command #2' })).toBeNull();
    expect(store.approval('apr-0001')).toBeUndefined();
    expect(store.approval('apr-0002')?.approvalId).toBe('apr-0002');
  });

  it('brings a focused approval from far down the list into view', async () => {
    const now = Date.now();
    const approvals = Array.from({ length: 600 }, (_, i) => sampleApproval(i, now));
    const { client, store } = await startStore({ approvals });
    render(ApprovalsView, { store });
    expect(screen.queryByRole('article', { name: 'Run shell command #501' })).toBeNull();
    client.emit('navigate', { view: 'approvals', approvalId: 'apr-0500' });
    expect(await screen.findByRole('article', { name: 'Run shell command #501' })).toBeInTheDocument();
  });

  it('starts from the option the gateway marks as default', async () => {
    const now = Date.now();
    const { client, store } = await startStore({
      approvals: [
        sampleApproval(0, now, {
          options: [
            {
              optionId: 'o1',
              label: 'Once',
              scope: 'once',
              approved: true,
              ttlMs: null,
              defaultSelected: false,
            },
            {
              optionId: 'o2',
              label: '1 h',
              scope: 'timeboxed',
              approved: true,
              ttlMs: 15 * 60_000,
              defaultSelected: true,
            },
          ],
        }),
      ],
    });
    render(ApprovalsView, { store });
    const c = card('Run shell command #1');
    expect(c.getByRole('radio', { name: 'For…' })).toBeChecked();
    expect(c.getByRole('combobox', { name: 'Approval duration' })).toHaveDisplayValue('15 minutes');
    await userEvent.setup().click(c.getByRole('button', { name: 'Approve' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: true, scope: 'timeboxed', ttlMs: 15 * 60_000 },
    ]);
  });

  it('cannot decide an approval past its deadline', async () => {
    const now = Date.now();
    const { store } = await startStore({
      approvals: [sampleApproval(0, now, { requestedAtMs: now - 600_000, expiresAtMs: now - 1000 })],
    });
    render(ApprovalsView, { store });
    const c = card('Run shell command #1');
    expect(c.getByText('expired')).toBeInTheDocument();
    expect(c.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(c.getByRole('button', { name: 'Deny' })).toBeDisabled();
  });
});
