// NodeHostCard: the node host's pairing state with the action that fits, Reset confirmed once
// more, failures shown with what to do.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NodeHostPairing } from '../../main/contract/model';
import NodeHostCard from '../../tray-ui/src/lib/components/NodeHostCard.svelte';
import { startStore } from './harness';

const notPaired: NodeHostPairing = {
  state: 'not_paired',
  detail: 'Not paired: the node host is not enrolled with this gateway.',
  deviceId: null,
  grpcUrl: null,
  certExpiresAtMs: null,
  actions: ['enroll'],
  busy: null,
  error: null,
};

const actions = () => within(screen.getByRole('group', { name: 'Node host actions' }));

describe('NodeHostCard', () => {
  it('offers Enroll when not paired, and shows Paired with the device after enrolling', async () => {
    const { client, store } = await startStore({ nodeHost: notPaired });
    render(NodeHostCard, { store });
    expect(screen.getByLabelText('Node host pairing state')).toHaveTextContent('Not paired');
    expect(screen.getByText(/not enrolled with this gateway/)).toBeInTheDocument();
    expect(
      actions()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Enroll']);

    await userEvent.click(actions().getByRole('button', { name: 'Enroll' }));
    expect(client.callsOf('node.enroll')).toEqual([{}]);
    expect(await screen.findByText('Paired')).toBeInTheDocument();
    expect(screen.getByText('01JZ8X6Q3V4N5M6K7J8H9G0F1E')).toBeInTheDocument();
    expect(
      actions()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Repair', 'Reset']);
  });

  it('asks once more before Reset, and Cancel sends nothing', async () => {
    const { client, store } = await startStore();
    render(NodeHostCard, { store });
    await userEvent.click(actions().getByRole('button', { name: 'Reset' }));
    const confirm = within(screen.getByRole('group', { name: 'Confirm reset' }));
    await userEvent.click(confirm.getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('node.reset')).toEqual([]);

    await userEvent.click(actions().getByRole('button', { name: 'Reset' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm reset' }));
    expect(client.callsOf('node.reset')).toEqual([{}]);
    expect(await screen.findByText('Not paired')).toBeInTheDocument();
  });

  it('shows a broken pairing with Repair first, and a failed action with its hint', async () => {
    const { client, store } = await startStore({
      nodeHost: {
        ...notPaired,
        state: 'broken',
        detail: 'The node host exited because it is not paired.',
        deviceId: '01JZ8X6Q3V4N5M6K7J8H9G0F1E',
        actions: ['repair', 'reset'],
      },
    });
    render(NodeHostCard, { store });
    expect(screen.getByLabelText('Node host pairing state')).toHaveTextContent('Broken');
    expect(actions().getAllByRole('button')[0]).toHaveTextContent('Repair');
    client.failNext('node.repair', {
      code: 'gateway_not_running',
      message: 'Enrolling the node host needs the local gateway running.',
      hint: 'Start palyrad (Health → Start), wait until it is healthy, then try again.',
    });
    await userEvent.click(actions().getByRole('button', { name: 'Repair' }));
    const alert = await screen.findByRole('alert', { name: 'Node host action failed' });
    expect(alert).toHaveTextContent('needs the local gateway running');
    expect(alert).toHaveTextContent('Start palyrad');
  });

  it('disables the actions while one runs, and renders nothing for a remote profile', async () => {
    const busy = await startStore({
      nodeHost: { ...notPaired, state: 'pending', actions: [], busy: 'enroll' },
    });
    const { unmount } = render(NodeHostCard, { store: busy.store });
    expect(screen.getByLabelText('Node host pairing state')).toHaveTextContent('Pairing…');
    expect(screen.queryByRole('group', { name: 'Node host actions' })).toBeNull();
    unmount();
    const remote = await startStore({ nodeHost: { ...notPaired, state: 'unavailable', actions: [] } });
    render(NodeHostCard, { store: remote.store });
    expect(screen.queryByRole('heading', { name: 'Node host pairing' })).toBeNull();
  });
});
