import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createSampleSnapshot, sampleService } from '../../tray-ui/src/lib/client/sample-snapshot';
import HealthView from '../../tray-ui/src/lib/views/HealthView.svelte';
import { startStore } from './harness';

function controls(name: string) {
  return within(screen.getByRole('group', { name: `${name} controls` }));
}

describe('HealthView', () => {
  it('enables only the lifecycle buttons that make sense for each state', async () => {
    const now = Date.now();
    const { store } = await startStore({
      overall: 'crash-looping',
      services: [
        sampleService('gateway', {}, now),
        sampleService(
          'browserd',
          {
            state: 'crash-looping',
            pid: null,
            error: {
              code: 'crash_loop',
              message: 'Browser service exited 5 times in 60 s.',
              hint: 'Check the browserd logs, then press Retry.',
            },
          },
          now,
        ),
        sampleService('nodehost', { state: 'stopped', desired: false, pid: null, startedAtMs: null }, now),
      ],
    });
    render(HealthView, { store });

    const gw = controls('Gateway (palyrad)');
    expect(gw.getByRole('button', { name: 'Start' })).toBeDisabled();
    expect(gw.getByRole('button', { name: 'Stop' })).toBeEnabled();
    expect(gw.getByRole('button', { name: 'Restart' })).toBeEnabled();
    expect(gw.queryByRole('button', { name: 'Retry' })).toBeNull();

    const br = controls('Browser service');
    expect(br.getByRole('button', { name: 'Retry' })).toBeEnabled();
    expect(br.getByRole('button', { name: 'Start' })).toBeDisabled();
    expect(br.getByRole('button', { name: 'Restart' })).toBeDisabled();
    const error = screen.getByRole('alert', { name: 'Browser service error' });
    expect(error).toHaveTextContent('Browser service exited 5 times in 60 s.');
    expect(error).toHaveTextContent('Check the browserd logs, then press Retry.');

    const nh = controls('Node host');
    expect(nh.getByRole('button', { name: 'Start' })).toBeEnabled();
    expect(nh.getByRole('button', { name: 'Stop' })).toBeDisabled();
    expect(nh.getByRole('button', { name: 'Restart' })).toBeDisabled();

    expect(screen.getByLabelText('Overall status')).toHaveTextContent('Crash-looping');
  });

  it('sends the service name with the action and follows the patched state', async () => {
    const { client, store } = await startStore();
    render(HealthView, { store });
    const user = userEvent.setup();
    await user.click(controls('Node host').getByRole('button', { name: 'Stop' }));
    expect(client.callsOf('service.stop')).toEqual([{ service: 'nodehost' }]);
    // The fake core patched nodehost to stopped: Start becomes possible, Stop does not.
    expect(await controls('Node host').findByRole('button', { name: 'Start' })).toBeEnabled();
    expect(controls('Node host').getByRole('button', { name: 'Stop' })).toBeDisabled();
  });

  it('shows pid, version and a latency sparkline per service', async () => {
    const { store } = await startStore();
    render(HealthView, { store });
    const card = screen.getByRole('article', { name: 'Gateway (palyrad)' });
    expect(card).toHaveTextContent(String(store.snapshot!.services[0]!.pid));
    expect(card).toHaveTextContent('0.9.2');
    expect(card).toHaveTextContent('1h 2m'); // uptime of the sample (3,725 s)
    const spark = within(card).getByRole('img', {
      name: /Gateway \(palyrad\) health latency: now \d+ ms, median \d+ ms over 24 probes, 1 failed/,
    });
    expect(spark.querySelector('polyline')).not.toBeNull();
    expect(spark.querySelectorAll('circle')).toHaveLength(1); // the one failed probe
  });

  it('shows a failed action with its hint and keeps the buttons usable', async () => {
    const { client, store } = await startStore();
    client.failNext('service.restart', {
      code: 'port_busy',
      message: 'Port 7142 is already in use.',
      hint: 'Stop the other process using it or change the gateway port.',
    });
    render(HealthView, { store });
    await userEvent.setup().click(controls('Gateway (palyrad)').getByRole('button', { name: 'Restart' }));
    const alert = await screen.findByRole('alert', { name: 'Gateway (palyrad) action failed' });
    expect(alert).toHaveTextContent('Stop the other process using it or change the gateway port.');
    expect(controls('Gateway (palyrad)').getByRole('button', { name: 'Restart' })).toBeEnabled();
  });

  it('disables a service while its action is in flight', async () => {
    const { client, store } = await startStore();
    const release = client.holdNext('service.restart');
    render(HealthView, { store });
    const user = userEvent.setup();
    await user.click(controls('Gateway (palyrad)').getByRole('button', { name: 'Restart' }));
    expect(controls('Gateway (palyrad)').getByRole('button', { name: 'Stop' })).toBeDisabled();
    expect(screen.getByText('Working…')).toBeInTheDocument();
    release();
    await expect
      .poll(() => controls('Gateway (palyrad)').getByRole('button', { name: 'Stop' }))
      .toBeEnabled();
  });

  it('labels the sparkline with its scale and the current value', async () => {
    const { store } = await startStore();
    render(HealthView, { store });
    const card = within(screen.getByRole('article', { name: 'Gateway (palyrad)' }));
    const figure = card.getByRole('figure');
    expect(figure).toHaveTextContent(/\d+ ms0/); // scale: top and zero
    expect(figure.querySelector('.now')!.textContent).toMatch(/^(\d+ ms|failed)$/);
  });

  it('with no Palyra installed, lists the three services as not installed and points to Setup', async () => {
    const base = createSampleSnapshot();
    const { store } = await startStore({
      demo: false,
      overall: 'stopped',
      services: [],
      onboarding: {
        ...base.onboarding,
        completed: false,
        binaries: ['gateway', 'browserd', 'nodehost'].map((service) => ({
          service,
          found: false,
          path: null,
          searched: ['/usr/bin'],
        })),
      },
    });
    render(HealthView, { store });
    const list = within(screen.getByRole('list', { name: 'Services not installed' }));
    expect(list.getAllByText('Not installed')).toHaveLength(3);
    expect(list.getByText('Node host (palyra node)')).toBeInTheDocument();
    expect(screen.getByLabelText('Overall status')).toHaveTextContent('Palyra not installed');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open Setup' }));
    expect(store.view).toBe('onboarding');
  });

  it('does not show a refused connection while the gateway is starting or held by another program', async () => {
    const now = Date.now();
    const refused = {
      code: 'gateway_unreachable',
      message: 'connect ECONNREFUSED 127.0.0.1:7142',
      hint: 'Start it.',
    };
    const { store } = await startStore({
      overall: 'starting',
      connection: {
        state: 'reconnecting',
        lastConnectedAtMs: null,
        nextRetryAtMs: now + 500,
        error: refused,
      },
      services: [sampleService('gateway', { state: 'starting', health: 'unknown' }, now)],
    });
    render(HealthView, { store });
    expect(screen.queryByRole('alert', { name: 'Gateway connection error' })).toBeNull();
    expect(screen.getByLabelText('Overall status')).toHaveTextContent('Starting…');
    expect(screen.queryByText(/ECONNREFUSED/)).toBeNull();
  });

  it("names a foreign program on our port once, in words, without the gateway's raw reply", async () => {
    const now = Date.now();
    const { store } = await startStore({
      overall: 'down',
      connection: {
        state: 'offline',
        lastConnectedAtMs: null,
        nextRetryAtMs: now + 500,
        error: {
          code: 'not_found',
          message: '<html><body>404 Not Found</body></html>',
          hint: 'The item no longer exists on the gateway.',
        },
      },
      services: [
        sampleService(
          'gateway',
          {
            state: 'failed',
            pid: null,
            error: {
              code: 'port_busy',
              message: 'Cannot start Gateway: TCP port 7142 on 127.0.0.1 is in use by pid 4242 (python3).',
              hint: 'Stop the process holding port 7142, then press Retry.',
            },
          },
          now,
        ),
      ],
    });
    render(HealthView, { store });
    expect(screen.getAllByText(/port 7142/)).toHaveLength(2); // message + hint of one note
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(document.body.textContent).not.toContain('<html>');
    expect(document.body.textContent).not.toContain('no longer exists');
  });
});
