import { describe, expect, it } from 'vitest';
import { FakeClient } from '../../tray-ui/src/lib/client/fake-client';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import { CompanionStore } from '../../tray-ui/src/lib/store.svelte';
import { startStore } from './harness';

describe('CompanionStore', () => {
  it('takes one snapshot.get, then applies patches and ignores stale ones', async () => {
    const { client, store } = await startStore();
    expect(client.callsOf('snapshot.get')).toHaveLength(1);
    expect(store.snapshot?.overall).toBe('healthy');

    client.emit('snapshot.patch', { revision: 5, overall: 'degraded', warnings: ['disk almost full'] });
    expect(store.snapshot?.revision).toBe(5);
    expect(store.snapshot?.overall).toBe('degraded');
    expect(store.snapshot?.warnings).toEqual(['disk almost full']);
    // Untouched keys survive a patch.
    expect(store.snapshot?.services).toHaveLength(3);

    client.emit('snapshot.patch', { revision: 4, overall: 'down' });
    expect(store.snapshot?.overall).toBe('degraded');
    expect(client.calls).toHaveLength(1); // no polling
  });

  it('a full snapshot event replaces the state, but never with an older revision', async () => {
    const { client, store } = await startStore();
    client.emit('snapshot', createSampleSnapshot({ revision: 9, overall: 'down' }));
    expect(store.snapshot?.overall).toBe('down');
    client.emit('snapshot', createSampleSnapshot({ revision: 3, overall: 'healthy' }));
    expect(store.snapshot?.overall).toBe('down');
  });

  it('merges log lines by sequence number, without duplicates, bounded', async () => {
    const { client, store } = await startStore();
    expect(store.logs.map((l) => l.seq)).toEqual([1, 2, 3]);
    const line = (seq: number) => ({
      seq,
      unix_ms: Date.now(),
      service: 'gateway',
      stream: 'stdout' as const,
      line: `line ${seq}`,
      level: null,
    });
    client.emit('log.lines', [line(3), line(4), line(5)]);
    expect(store.logs.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    client.emit(
      'log.lines',
      Array.from({ length: 2500 }, (_, i) => line(6 + i)),
    );
    expect(store.logs).toHaveLength(2000);
    expect(store.logs.at(-1)?.seq).toBe(2505);
  });

  it('navigate events switch the view and focus an approval', async () => {
    const { client, store } = await startStore();
    client.emit('navigate', { view: 'approvals', approvalId: 'apr-0002' });
    expect(store.view).toBe('approvals');
    expect(store.focusApprovalId).toBe('apr-0002');
    client.emit('navigate', { view: 'chat' });
    expect(store.view).toBe('chat');
    expect(store.focusApprovalId).toBeNull();
  });

  it('opens on the setup view when onboarding is not complete', async () => {
    const base = createSampleSnapshot();
    const { store } = await startStore({ onboarding: { ...base.onboarding, completed: false } });
    expect(store.view).toBe('onboarding');
  });

  it('records a failed call as an actionable error under its key and clears busy', async () => {
    const { client, store } = await startStore();
    client.failNext('service.stop', { code: 'port_busy', message: 'Port 1 is busy.', hint: 'Free it.' });
    const result = await store.act('k', 'service.stop', { service: 'gateway' });
    expect(result).toBeNull();
    expect(store.errors['k']).toEqual({ code: 'port_busy', message: 'Port 1 is busy.', hint: 'Free it.' });
    expect(store.pending['k']).toBeUndefined();
  });

  it('reports a failed first load instead of throwing', async () => {
    const client = new FakeClient();
    client.failNext('snapshot.get', { code: 'core_down', message: 'Core is down.', hint: 'Restart it.' });
    const store = new CompanionStore(client);
    await store.start();
    expect(store.snapshot).toBeNull();
    expect(store.loadError?.code).toBe('core_down');
    await store.load();
    expect(store.snapshot).not.toBeNull();
    expect(store.loadError).toBeNull();
  });

  it('the test harness catches params the contract would reject', async () => {
    const { client, store } = await startStore();
    // A timeboxed decision without ttlMs: core's schema refuses it, and so does the harness.
    const result = await store.act('k', 'approval.decide', {
      approvalId: 'apr-0000',
      approved: true,
      scope: 'timeboxed',
    });
    expect(result).toBeNull();
    expect(client.schemaViolations).toHaveLength(1);
    expect(client.schemaViolations[0]).toContain('ttlMs');
    client.schemaViolations.length = 0; // expected here; the harness would fail the test otherwise
  });
});
