import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sortApprovals } from '../../tray-ui/src/lib/approvals/approval-order';
import { sampleApproval } from '../../tray-ui/src/lib/client/sample-snapshot';
import ApprovalsView from '../../tray-ui/src/lib/views/ApprovalsView.svelte';
import { startStore } from './harness';

function card(title: string) {
  return within(screen.getByRole('article', { name: title }));
}

describe('ApprovalsView', () => {
  it("offers the daemon's options with their descriptions and sends the chosen one", async () => {
    const { client, store } = await startStore();
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    const c = card('Run shell command #1');
    const choices = within(c.getByRole('group', { name: 'Decision for Run shell command #1' }));
    expect(choices.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Allow once',
      'Allow for session',
      'Allow for 10 minutes',
      'Deny',
    ]);
    expect(choices.getByRole('button', { name: 'Allow for session' })).toHaveAccessibleDescription(
      'Remember approval for this session',
    );
    // The gateway's default is the highlighted choice; no label is cut to "For…".
    expect(choices.getByRole('button', { name: 'Allow once' })).toHaveClass('primary');
    expect(c.queryByText('For…')).toBeNull();
    await user.click(choices.getByRole('button', { name: 'Allow for session' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: true, scope: 'session' },
    ]);
    // The decided approval leaves the inbox when core patches it away.
    await expect.poll(() => screen.queryByRole('article', { name: 'Run shell command #1' })).toBeNull();
  });

  it("sends a timeboxed option with the daemon's TTL, and a deny with its reason", async () => {
    const { client, store } = await startStore();
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    const c = card('Run shell command #3');
    await user.type(c.getByRole('textbox', { name: 'Reason' }), '  not on a Friday ');
    await user.click(c.getByRole('button', { name: 'Deny' }));
    await user.click(card('Run shell command #1').getByRole('button', { name: 'Allow for 10 minutes' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0002', approved: false, scope: 'once', reason: 'not on a Friday' },
      { approvalId: 'apr-0000', approved: true, scope: 'timeboxed', ttlMs: 600_000 },
    ]);
  });

  it('shows the input pretty-printed, folds long values, and says why the policy asks', async () => {
    const now = Date.now();
    const long = 'line of the new file\n'.repeat(20);
    const { store } = await startStore({
      approvals: [
        sampleApproval(0, now, {
          input: { path: '~/notes/standup.md', content: long, api_key: '••••••' },
        }),
      ],
    });
    render(ApprovalsView, { store });
    const user = userEvent.setup();
    const c = card('Run shell command #1');
    const input = c.getByRole('group', { name: 'Input for Run shell command #1' });
    expect(input).toHaveTextContent('"path": "~/notes/standup.md",');
    expect(input).toHaveTextContent('"api_key": "••••••"');
    expect(input.textContent!.length).toBeLessThan(long.length);
    await user.click(within(input).getByRole('button', { name: 'show more' }));
    expect(input.textContent!.length).toBeGreaterThan(long.length);
    expect(c.getByText(/deny-by-default until explicitly approved/)).toBeInTheDocument();
  });

  it('lists the riskiest first, then the one that runs out soonest', async () => {
    const now = Date.now();
    const { store } = await startStore({
      approvals: [
        sampleApproval(0, now, { riskLevel: 'low', title: 'low' }),
        sampleApproval(1, now, { riskLevel: 'high', title: 'high, later', expiresAtMs: now + 600_000 }),
        sampleApproval(2, now, { riskLevel: 'critical', title: 'critical' }),
        sampleApproval(3, now, { riskLevel: 'high', title: 'high, sooner', expiresAtMs: now + 60_000 }),
      ],
    });
    render(ApprovalsView, { store });
    expect(
      screen
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-labelledby') && a.querySelector('h3')!.textContent),
    ).toEqual(['critical', 'high, sooner', 'high, later', 'low']);
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
    await user.click(card('Run shell command #1').getByRole('button', { name: 'Allow once' }));
    expect(card('Run shell command #1').getByRole('button', { name: 'Allow once' })).toBeDisabled();
    expect(card('Run shell command #1').getByRole('button', { name: 'Deny' })).toBeDisabled();
    release();
    const alert = await card('Run shell command #1').findByRole('alert', { name: 'Decision failed' });
    expect(alert).toHaveTextContent('Check that palyrad is running, then decide again.');
    expect(card('Run shell command #1').getByRole('button', { name: 'Allow once' })).toBeEnabled();
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
    // The list is ordered riskiest and most urgent first: its last card is the one to reach.
    const last = sortApprovals(approvals).at(-1)!;
    expect(await screen.findByRole('article', { name: last.title })).toBeInTheDocument();
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

  it('falls back to allow once / deny when the gateway offers no options', async () => {
    const now = Date.now();
    const { client, store } = await startStore({ approvals: [sampleApproval(0, now, { options: [] })] });
    render(ApprovalsView, { store });
    await userEvent.setup().click(card('Run shell command #1').getByRole('button', { name: 'Deny' }));
    expect(client.callsOf('approval.decide')).toEqual([
      { approvalId: 'apr-0000', approved: false, scope: 'once' },
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
    expect(c.getByRole('button', { name: 'Allow once' })).toBeDisabled();
    expect(c.getByRole('button', { name: 'Deny' })).toBeDisabled();
  });
});
