// The dashboard hand-off URL is opened in the operator's browser, so core refuses one that points
// anywhere but the gateway it talks to — here a real simulator minting a foreign-origin URL once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../main/contract/dispatch';
import { createCompanionCore, type Companion } from '../../main/core/companion';
import { CompanionError } from '../../main/core/errors';
import { MemoryKeychain } from '../support/memory-keychain';
import { freePalyraPorts } from '../support/ports';
import { waitFor } from '../support/wait-for';

let dir: string | null = null;
let core: Companion | null = null;

afterEach(async () => {
  await core?.shutdown();
  core = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('dashboard hand-off origin check', () => {
  it('rejects a foreign-origin hand-off with an actionable error, then accepts the next one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'core-handoff-'));
    const keychain = new MemoryKeychain();
    const ports = await freePalyraPorts();
    const c = await createCompanionCore({
      demo: true,
      stateRoot: dir,
      ports,
      keychain,
      healthIntervalMs: 250,
      approvalsPollMs: 200,
      restartPolicy: { baseDelayMs: 100 },
      log: () => undefined,
    });
    core = c;
    const events: string[] = [];
    c.subscribe((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);

    const armed = await fetch(`http://127.0.0.1:${ports.gatewayHttp}/__sim/faults`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keychain.values.get('admin_token')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ next: 'foreign_handoff_origin' }),
    });
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
    expect(parsed.origin).toBe(`http://127.0.0.1:${ports.gatewayHttp}`);
    expect(parsed.searchParams.get('token')).toBeTruthy();
    const consumed = await fetch(url, { redirect: 'manual' });
    expect(consumed.status).toBe(303);
    // The core stays usable after the refusal.
    expect(c.snapshot().connection.state).toBe('connected');
  });
});
