// The dashboard hand-off URL is opened in the operator's browser, so core refuses one that points
// anywhere but the gateway it talks to — here a real simulator minting a foreign-origin URL once.
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../main/contract/dispatch';
import { CompanionError } from '../../main/core/errors';
import { startDemoCore, type DemoCore } from '../support/demo-core';
import { waitFor } from '../support/wait-for';

let demo: DemoCore | null = null;

afterEach(async () => {
  await demo?.stop();
  demo = null;
});

describe('dashboard hand-off origin check', () => {
  it('rejects a foreign-origin hand-off with an actionable error, then accepts the next one', async () => {
    demo = await startDemoCore({ tmpPrefix: 'core-handoff-' });
    const c = demo.core;
    const events: string[] = [];
    c.subscribe((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);

    const armed = await demo.simulator('/__sim/faults', { next: 'foreign_handoff_origin' });
    expect(armed.ok).toBe(true);

    const rejection = await c.handlers['dashboard.open']({ section: 'approvals' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(rejection).toBeInstanceOf(CompanionError);
    const error = rejection as CompanionError;
    expect(error.code).toBe('handoff_rejected');
    expect(error.message).toMatch(/evil\.example|host/);
    expect(error.hint.length).toBeGreaterThan(10);
    // Nothing to open: no URL reached the caller, and no event carried the foreign URL onward.
    expect(events.filter((e) => e.includes('evil.example'))).toEqual([]);

    // The fault was one-shot: the next hand-off (through the dispatcher, as the UI calls it) is
    // on the gateway's own origin and is accepted by the gateway.
    const reply = await dispatchCall(c.handlers, 'dashboard.open', { section: 'approvals' });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const { url } = reply.value as { url: string };
    const parsed = new URL(url);
    expect(parsed.origin).toBe(demo.gatewayOrigin);
    expect(parsed.searchParams.get('token')).toBeTruthy();
    const consumed = await fetch(url, { redirect: 'manual' });
    expect(consumed.status).toBe(303);
    // The core stays usable after the refusal.
    expect(c.snapshot().connection.state).toBe('connected');
  });
});
