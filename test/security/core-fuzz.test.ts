// Hostile parameters thrown at every call of the real core (demo mode, real sidecars) through the
// same dispatcher the IPC handler and the host use: every reply is a typed, actionable error (or a
// harmless success), nothing crashes, nothing is polluted, and the core keeps working afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { callNames, callSchemas, type CallName } from '../../main/contract/calls';
import { dispatchCall } from '../../main/contract/dispatch';
import type { CompanionSnapshot } from '../../main/contract';
import { startDemoCore, type DemoCore } from '../support/demo-core';
import { allHealthy } from '../support/all-healthy';
import { waitFor } from '../support/wait-for';

let demo: DemoCore | null = null;

afterEach(async () => {
  await demo?.stop();
  demo = null;
});

/** Codes a rejected call may carry: validation, routing, and the core's own actionable domain codes. */
const EXPECTED_CODES = new Set([
  'invalid_params',
  'unknown_call',
  'unknown_service',
  'approval_not_pending',
  'approval_not_found',
  'draft_not_found',
  'state_root_not_absolute',
  'state_root_parent_segment',
  'state_root_not_writable',
  'gateway_not_found',
  'gateway_bad_request',
  'profile_unknown',
  // Provider onboarding: the gateway's validation of a hostile key, token or account, said in words.
  'openai_input_invalid',
  'openai_key_rejected',
  'oauth_url_invalid',
  'discord_input_invalid',
  'discord_token_rejected',
  'discord_unreachable',
  'discord_unavailable',
  'discord_account_not_found',
  'provider_busy',
  // Voice: consent first, and the gateway's refusal of what is not audio it can store.
  'voice_attachments_broken',
  'voice_audio_not_accepted',
  'voice_audio_too_large',
  'voice_capture_disabled',
  'voice_consent_required',
  'voice_transcription_failed',
  'voice_transcription_unavailable',
  'voice_upload_failed',
]);

/** Calls that would stop or bounce sidecars: skipped when a hostile value happens to be valid. */
const DESTRUCTIVE = new Set<CallName>([
  'services.stopAll',
  'services.restartAll',
  'service.stop',
  'service.restart',
  // Re-pairing or removing the node host restarts it: valid calls are exercised in node-host-lifecycle.
  'node.repair',
  'node.reset',
]);

const MEGABYTE = 'A'.repeat(1024 * 1024);
const UNICODE = '\u202e\u0000\ud800\u{1F4A3}\uFEFFé\u0301';

function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
}

/** Values for a single field: wrong types, extremes, prototype keys, and odd strings. */
const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  Number.MAX_SAFE_INTEGER * 1024,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  '',
  'NaN',
  '-1e309',
  MEGABYTE,
  UNICODE,
  [],
  ['a', 1, null],
  {},
  JSON.parse('{"__proto__":{"polluted":"field"}}'),
  deeplyNested(2_000),
];

/** Whole-params values: not an object, prototype keys at the top, unknown keys. */
function hostileParams(): unknown[] {
  return [
    null,
    undefined,
    42,
    'params',
    MEGABYTE,
    [],
    [{}],
    true,
    JSON.parse('{"__proto__":{"polluted":"top"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"ctor"}}}'),
    JSON.parse('{"prototype":{"polluted":"proto"}}'),
    { unknownExtra: 1 },
    deeplyNested(5_000),
  ];
}

/** Shaped-looking params whose content is hostile (prototype names as ids, odd paths). */
const CRAFTED: Partial<Record<CallName, unknown[]>> = {
  'service.start': [{ service: '__proto__' }, { service: 'constructor' }, { service: 'toString' }],
  'service.stop': [{ service: 'hasOwnProperty' }],
  'service.restart': [{ service: '__proto__' }],
  'service.retry': [{ service: 'constructor' }, { service: UNICODE }],
  'logs.get': [{ service: 'toString' }, { service: '__proto__', stream: 'stderr', limit: 1 }],
  'chat.selectSession': [{ sessionId: '../../etc/passwd' }, { sessionId: '__proto__' }],
  'approval.decide': [
    { approvalId: '__proto__', approved: true, scope: 'once' },
    { approvalId: 'constructor', approved: false, scope: 'timeboxed' },
    { approvalId: 'x', approved: true, scope: 'timeboxed', ttlMs: -5 },
  ],
  'draft.resend': [{ draftId: '__proto__' }],
  'draft.discard': [{ draftId: 'constructor' }],
  'notifications.markRead': [{ ids: ['__proto__', 'constructor'] }, { ids: new Array(1001).fill('x') }],
  'onboarding.setStateRoot': [{ path: 'relative/dir' }, { path: '/tmp/../etc' }, { path: UNICODE }],
  'onboarding.useInsecureSecretStore': [{ accept: false }, { accept: 'true' }],
  'settings.save': [
    { preferences: { theme: 'neon' } },
    { rollout: { release_channel: MEGABYTE } },
    JSON.parse('{"preferences":{"__proto__":{"polluted":"nested"}}}'),
  ],
};

function fieldNames(name: CallName): string[] {
  const schema: unknown = callSchemas[name];
  if (schema && typeof schema === 'object' && 'shape' in schema) {
    const shape = (schema as { shape: unknown }).shape;
    if (shape && typeof shape === 'object') return Object.keys(shape);
  }
  return [];
}

function paramsFor(name: CallName): unknown[] {
  const out = [...hostileParams(), ...(CRAFTED[name] ?? [])];
  const fields = fieldNames(name);
  const field = fields[0] ?? 'unexpected';
  for (const value of HOSTILE_VALUES) out.push({ [field]: value });
  if (fields.length > 1) out.push({ [fields[1]!]: MEGABYTE }, { [fields[1]!]: null });
  return out;
}

/** Short text naming a param set in failure messages (some are too deep to stringify). */
function describeParams(params: unknown): string {
  try {
    return String(JSON.stringify(params)).slice(0, 120);
  } catch {
    return '<too deep to print>';
  }
}

const healthy = (snap: CompanionSnapshot): boolean => allHealthy(snap, 3);

describe('core under hostile calls', () => {
  it('answers every hostile call with a typed reply and keeps working', async () => {
    demo = await startDemoCore({ tmpPrefix: 'core-fuzz-' });
    const c = demo.core;
    await waitFor(() => healthy(c.snapshot()), 'all sidecars healthy', 30_000);
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);
    const pidsBefore = c.snapshot().services.map((s) => s.pid);

    const codes = new Map<string, number>();
    let calls = 0;
    let skipped = 0;
    let accepted = 0;
    const unknownNames: unknown[] = [
      'nope',
      '',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'snapshot.get ',
      'SNAPSHOT.GET',
      null,
      undefined,
      42,
      {},
      ['snapshot.get'],
      MEGABYTE,
      UNICODE,
    ];
    const plan: [unknown, unknown][] = [
      ...unknownNames.map((n): [unknown, unknown] => [n, {}]),
      ...callNames.flatMap((name) => paramsFor(name).map((p): [unknown, unknown] => [name, p])),
    ];
    expect(plan.length).toBeGreaterThan(callNames.length * 25);

    for (const [name, params] of plan) {
      const callName = name as CallName;
      if (DESTRUCTIVE.has(callName) && callSchemas[callName].safeParse(params ?? {}).success) {
        skipped += 1;
        continue;
      }
      calls += 1;
      const reply = await dispatchCall(c.handlers, name, params);
      const label = `${String(name).slice(0, 40)} ${describeParams(params)}`;
      if (reply.ok) {
        accepted += 1;
        // Only genuinely valid params may succeed.
        expect(typeof name === 'string' && callSchemas[callName].safeParse(params ?? {}).success, label).toBe(
          true,
        );
        // A valid state-root choice from the fuzz list must not stick: put the default back.
        if (name === 'onboarding.setStateRoot') await c.handlers['onboarding.setStateRoot']({ path: null });
        continue;
      }
      const { code, message, hint } = reply.error;
      expect(EXPECTED_CODES.has(code), `${label} -> ${code}: ${message}`).toBe(true);
      expect(typeof message).toBe('string');
      expect(message.length).toBeGreaterThan(0);
      expect(message.length).toBeLessThan(2_000);
      expect(hint.length).toBeGreaterThan(0);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(calls).toBeGreaterThan(callNames.length * 20);
    expect(codes.get('invalid_params')).toBeGreaterThan(callNames.length * 10);
    expect(codes.get('unknown_call')).toBe(unknownNames.length);
    expect(codes.get('unknown_service')).toBeGreaterThan(0);
    expect(skipped + accepted).toBeLessThan(calls);

    // No prototype pollution anywhere, whatever path the values took.
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    // The core is intact: same sidecars, still connected, snapshot and chat work.
    const snapReply = await dispatchCall(c.handlers, 'snapshot.get', {});
    expect(snapReply.ok).toBe(true);
    await waitFor(() => healthy(c.snapshot()), 'still healthy after fuzzing', 30_000);
    expect(c.snapshot().services.map((s) => s.pid)).toEqual(pidsBefore);
    await waitFor(() => c.snapshot().connection.state === 'connected', 'still connected', 30_000);
    const session = await c.handlers['chat.createSession']({ label: 'after fuzz' });
    const sent = await dispatchCall(c.handlers, 'chat.send', {
      sessionId: session.sessionId,
      text: 'still alive',
    });
    expect(sent.ok).toBe(true);
    if (sent.ok) expect((sent.value as { runId: string | null }).runId).toBeTruthy();
  }, 180_000);
});
