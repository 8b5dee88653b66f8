import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../main/contract/model';
import LogsView from '../../tray-ui/src/lib/views/LogsView.svelte';
import { startStore } from './harness';

afterEach(() => {
  vi.restoreAllMocks();
});

const line = (seq: number, service: string, stream: LogLine['stream'], text: string): LogLine => ({
  seq,
  unix_ms: Date.now(),
  service,
  stream,
  line: text,
  level: null,
});

describe('LogsView', () => {
  it('shows live lines and filters by service and stream', async () => {
    const { client, store } = await startStore();
    render(LogsView, { store });
    const log = within(screen.getByRole('log', { name: 'Service logs' }));
    expect(log.getByText('palyrad listening on 127.0.0.1:7142')).toBeInTheDocument();
    client.emit('log.lines', [
      line(10, 'gateway', 'stderr', 'gateway boom'),
      line(11, 'nodehost', 'stdout', 'node ok'),
    ]);
    expect(await log.findByText('gateway boom')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by service' }), 'gateway');
    expect(log.queryByText('node ok')).toBeNull();
    expect(log.getByText('gateway boom')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by stream' }), 'stdout');
    expect(log.queryByText('gateway boom')).toBeNull();
    expect(log.getByText('palyrad listening on 127.0.0.1:7142')).toBeInTheDocument();
  });

  it('keeps the DOM small with thousands of lines', async () => {
    const { client, store } = await startStore();
    render(LogsView, { store });
    client.emit(
      'log.lines',
      Array.from({ length: 1800 }, (_, i) => line(100 + i, 'gateway', 'stdout', `l${i}`)),
    );
    const log = screen.getByRole('log', { name: 'Service logs' });
    await expect.poll(() => within(log).queryByText('l1799')).not.toBeNull();
    expect(log.querySelectorAll('.line').length).toBe(400);
  });

  it('copies the filtered lines to the clipboard', async () => {
    const { store } = await startStore();
    const user = userEvent.setup();
    const write = vi.spyOn(navigator.clipboard, 'writeText');
    render(LogsView, { store });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by service' }), 'browserd');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(write).toHaveBeenCalledTimes(1);
    const text = write.mock.calls[0]![0];
    expect(text).toContain('browserd stderr warn: chromium sandbox disabled');
    expect(text).not.toContain('palyrad');
    expect(await screen.findByRole('status')).toHaveTextContent('Copied 1 line.');
  });

  it('pauses following when scrolled up and offers a jump back', async () => {
    const { store } = await startStore();
    render(LogsView, { store });
    const log = screen.getByRole('log', { name: 'Service logs' });
    // jsdom has no layout: fake a tall list scrolled to the top.
    Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, value: 300 });
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    const jump = await screen.findByRole('button', { name: /jump to latest/ });
    await userEvent.setup().click(jump);
    expect(screen.queryByRole('button', { name: /jump to latest/ })).toBeNull();
  });
});

describe('LogsView with tracing JSON', () => {
  it('shows the message with its level and folds the fields out', async () => {
    const { client, store } = await startStore();
    render(LogsView, { store });
    const json = JSON.stringify({
      timestamp: '2026-12-01T07:00:00Z',
      level: 'WARN',
      fields: { message: 'approval timed out', approval_id: '01J0', waited_ms: 120000 },
      target: 'palyra_daemon::gateway',
    });
    client.emit('log.lines', [line(20, 'gateway', 'stdout', json)]);
    const log = within(screen.getByRole('log', { name: 'Service logs' }));
    const message = await log.findByText('approval timed out');
    const row = message.closest('.line')!;
    expect(row).toHaveTextContent('WARN');
    expect(row).toHaveTextContent('approval_id=01J0');
    expect(row).toHaveTextContent('waited_ms=120000');
    expect(row.textContent).not.toContain('{"timestamp"');
  });
});
