import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import ChatView from '../../tray-ui/src/lib/views/ChatView.svelte';
import { startStore } from './harness';

describe('ChatView', () => {
  it('renders a streaming reply token by token in a reserved bubble', async () => {
    const { client, store } = await startStore();
    render(ChatView, { store });
    const stream = (kind: 'token' | 'status' | 'complete', text: string) =>
      client.emit('chat.stream', { sessionId: 'sess-main', runId: 'run-z', kind, text });

    stream('token', 'Hel');
    const bubble = await screen.findByLabelText('Assistant reply');
    expect(bubble).toHaveAttribute('aria-busy', 'true');
    expect(bubble).toHaveTextContent(/^Hel/);
    stream('token', 'lo, ');
    await expect.poll(() => bubble.textContent).toMatch(/^Hello, /);
    stream('status', 'calling tool');
    stream('token', 'operator');
    await expect.poll(() => bubble.textContent).toMatch(/^Hello, operator/);
    expect(bubble).toHaveTextContent('calling tool…');
    // The same element keeps growing: no re-created bubble, so no jump.
    expect(screen.getByLabelText('Assistant reply')).toBe(bubble);

    stream('complete', 'complete');
    await expect.poll(() => bubble.getAttribute('aria-busy')).toBe('false');
    // Once core's transcript holds the reply, the live bubble gives way to the message.
    client.patch({
      chat: {
        ...client.snapshot.chat,
        messages: [
          ...client.snapshot.chat.messages,
          { id: 'm9', role: 'assistant', text: 'Hello, operator', atMs: Date.now(), runId: 'run-z' },
        ],
      },
    });
    await expect.poll(() => screen.queryByLabelText('Assistant reply')).toBeNull();
    expect(
      within(screen.getByRole('log', { name: 'Transcript' })).getByText('Hello, operator'),
    ).toBeInTheDocument();
  });

  it('ignores tokens for another session', async () => {
    const { client, store } = await startStore();
    render(ChatView, { store });
    client.emit('chat.stream', { sessionId: 'sess-notes', runId: 'r', kind: 'token', text: 'elsewhere' });
    flushSync();
    expect(store.stream?.sessionId).toBe('sess-notes'); // received, just not for this transcript
    expect(screen.queryByLabelText('Assistant reply')).toBeNull();
  });

  it('sends to the active session and clears the composer', async () => {
    const { client, store } = await startStore();
    render(ChatView, { store });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'What changed today?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(client.callsOf('chat.send')).toEqual([{ sessionId: 'sess-main', text: 'What changed today?' }]);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
    expect(await screen.findByText('What changed today?')).toBeInTheDocument();
  });

  it('offline: composing still works, the message becomes a draft with Resend/Discard', async () => {
    const { client, store } = await startStore({
      connection: { state: 'offline', lastConnectedAtMs: null, nextRetryAtMs: null, error: null },
    });
    client.gatewayOnline = false;
    render(ChatView, { store });
    const user = userEvent.setup();
    expect(screen.getByRole('status', { name: 'Gateway connection' })).toHaveTextContent('Offline');
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Ship it{Enter}');
    expect(client.callsOf('chat.send')).toEqual([{ sessionId: 'sess-main', text: 'Ship it' }]);

    const drafts = within(await screen.findByRole('list', { name: 'Offline drafts' }));
    expect(drafts.getByText('Ship it')).toBeInTheDocument();
    expect(screen.getByText(/saved as a draft/)).toBeInTheDocument();

    // Resend while still offline keeps it; once back online it is delivered and leaves the list.
    await user.click(drafts.getByRole('button', { name: 'Resend draft' }));
    expect(screen.getByText(/Still offline/)).toBeInTheDocument();
    client.gatewayOnline = true;
    await user.click(drafts.getByRole('button', { name: 'Resend draft' }));
    await expect.poll(() => screen.queryByRole('list', { name: 'Offline drafts' })).toBeNull();
    expect(client.callsOf('draft.resend')).toHaveLength(2);
    // Back online with nothing queued: the offline notice no longer applies.
    client.patch({
      connection: { state: 'connected', lastConnectedAtMs: Date.now(), nextRetryAtMs: null, error: null },
    });
    await expect.poll(() => screen.queryByText(/saved as a draft|Still offline/)).toBeNull();
  });

  it('discards a draft', async () => {
    const { client, store } = await startStore({
      drafts: [
        {
          draftId: 'd1',
          sessionId: null,
          text: 'unbound draft',
          reason: 'gateway unreachable',
          createdAtMs: Date.now() - 5000,
          attempts: 1,
          lastError: null,
        },
      ],
    });
    render(ChatView, { store });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(client.callsOf('draft.discard')).toEqual([{ draftId: 'd1' }]);
    await expect.poll(() => screen.queryByText('unbound draft')).toBeNull();
  });

  it('keeps the text and shows the error when the send fails', async () => {
    const { client, store } = await startStore();
    client.failNext('chat.send', {
      code: 'connection_lost',
      message: 'The connection to the companion is down, so nothing was sent.',
      hint: 'Wait for the connection to come back, then try again.',
    });
    render(ChatView, { store });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert', { name: 'Send failed' })).toHaveTextContent(
      'Wait for the connection',
    );
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('hello');
  });

  it('switches and creates sessions', async () => {
    const { client, store } = await startStore();
    render(ChatView, { store });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Session' }), 'Meeting notes');
    expect(client.callsOf('chat.selectSession')).toEqual([{ sessionId: 'sess-notes' }]);
    await user.click(screen.getByRole('button', { name: 'New session' }));
    expect(client.callsOf('chat.createSession')).toEqual([{}]);
    await expect
      .poll(() => (screen.getByRole('combobox', { name: 'Session' }) as HTMLSelectElement).value)
      .toMatch(/^sess-/);
    expect(screen.getByText(/No messages yet/)).toBeInTheDocument();
  });
});

describe('ChatView session name', () => {
  it('keeps the full session name available (tooltip) and gives it the whole first line', async () => {
    const base = createSampleSnapshot();
    const long = 'Release prep for 0.9.2: changelog, migration notes and the staging rollout plan';
    const { store } = await startStore({
      sessions: base.sessions.map((s) => (s.sessionId === 'sess-main' ? { ...s, title: long } : s)),
    });
    render(ChatView, { store });
    const select = screen.getByRole('combobox', { name: 'Session' });
    expect(select).toHaveAttribute('title', long);
    expect(select.closest('label')).toHaveClass('session');
  });
});
