import { describe, expect, it } from 'vitest';
import { toApprovalView, isPending } from '../../../main/core/gateway/approval-view';
import { parseReply } from '../../../main/core/gateway/console-transport';
import { errorFromReply, GatewayError } from '../../../main/core/gateway/gateway-error';
import { approvalRecordSchema, healthSchema, streamLineSchema } from '../../../main/core/gateway/schemas';
import { toChatMessages } from '../../../main/core/gateway/session-view';

const record = {
  approval_id: '01J0000000000000000000000A',
  session_id: '01J0000000000000000000000B',
  run_id: '01J0000000000000000000000C',
  principal: 'admin:desktop-control-center',
  device_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  requested_at_unix_ms: 1_000_000,
  subject_type: 'tool',
  subject_id: 'tool:palyra.process.run|skill:ops',
  request_summary: '{}',
  policy_snapshot: { policy_id: 'p', policy_hash: 'h', evaluation_summary: 's' },
  prompt: {
    title: 'Approve palyra.process.run',
    risk_level: 'weird',
    subject_id: 'tool:palyra.process.run',
    summary: 'runs a process',
    options: [{ option_id: 'deny_once', label: 'Deny', decision_scope: 'once' }],
    timeout_seconds: 60,
    details_json: 'not json',
    policy_explanation: 'because',
  },
  created_at_unix_ms: 1,
  updated_at_unix_ms: 1,
};

describe('schemas', () => {
  it('accept extra fields and reject missing required ones', () => {
    expect(
      healthSchema.safeParse({
        service: 'palyrad',
        status: 'ok',
        version: '1',
        git_hash: 'x',
        uptime_seconds: 1,
        extra: 1,
      }).success,
    ).toBe(true);
    expect(healthSchema.safeParse({ service: 'palyrad', status: 'ok' }).success).toBe(false);
    expect(approvalRecordSchema.safeParse(record).success).toBe(true);
    expect(approvalRecordSchema.safeParse({ ...record, decision_scope: 'always' }).success).toBe(false);
    expect(streamLineSchema.safeParse({ type: 'meta', run_id: 'r', session_id: 's' }).success).toBe(true);
    expect(streamLineSchema.safeParse({ type: 'mystery' }).success).toBe(false);
    expect(streamLineSchema.safeParse({ type: 'event', event: { surprise: true } }).success).toBe(false);
  });

  it('map an approval record: unknown risk → unspecified, tool from subject_id, deny option not approving', () => {
    const parsed = approvalRecordSchema.parse(record);
    expect(isPending(parsed)).toBe(true);
    const view = toApprovalView(parsed);
    expect(view).toMatchObject({
      riskLevel: 'unspecified',
      toolName: 'palyra.process.run',
      expiresAtMs: 1_060_000,
      policyExplanation: 'because',
    });
    expect(view.options[0]).toMatchObject({
      approved: false,
      scope: 'once',
      ttlMs: null,
      defaultSelected: false,
    });
    expect(isPending(approvalRecordSchema.parse({ ...record, decision: 'timeout' }))).toBe(false);
  });

  it('map transcript records to chat messages and skip run internals and broken payloads', () => {
    const base = { run_id: 'R', created_at_unix_ms: 5 };
    const messages = toChatMessages([
      { ...base, seq: 0, event_type: 'message.received', payload_json: '{"text":"hi"}' },
      { ...base, seq: 1, event_type: 'model_token', payload_json: '{"token":"h"}' },
      { ...base, seq: 2, event_type: 'message.replied', payload_json: '{"reply_text":"hello"}' },
      { ...base, seq: 3, event_type: 'message.replied', payload_json: '{broken' },
    ]);
    expect(messages).toEqual([
      { id: 'R:0', role: 'user', text: 'hi', atMs: 5, runId: 'R' },
      { id: 'R:2', role: 'assistant', text: 'hello', atMs: 5, runId: 'R' },
    ]);
  });
});

describe('error mapping', () => {
  it('reads the envelope: status, category, retryable, validation fields', () => {
    const err = errorFromReply(
      400,
      JSON.stringify({
        error: 'bad scope',
        code: 'validation_error',
        category: 'validation',
        retryable: false,
        validation_errors: [{ field: 'decision_scope', code: 'invalid', message: 'bad' }],
      }),
      'POST /x',
    );
    expect(err).toMatchObject({
      code: 'gateway_bad_request',
      status: 400,
      category: 'validation',
      retryable: false,
    });
    expect(err.message).toMatch(/bad scope \(fields: decision_scope\)/);
  });

  it('handles 429 without an envelope, plain text and empty bodies', () => {
    expect(errorFromReply(429, 'slow down', 'GET /x')).toMatchObject({
      code: 'rate_limited',
      retryable: true,
    });
    expect(errorFromReply(422, 'Failed to deserialize the JSON body', 'POST /x').message).toMatch(
      /Failed to deserialize/,
    );
    expect(errorFromReply(502, '', 'GET /x')).toMatchObject({ code: 'gateway_internal_error' });
    expect(errorFromReply(502, '', 'GET /x').message).toMatch(/empty body/);
  });

  it('parseReply turns bad JSON and wrong shapes into gateway_bad_reply', () => {
    const bad = (() => {
      try {
        parseReply('GET /healthz', 200, '{nope', healthSchema);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(bad).toBeInstanceOf(GatewayError);
    expect((bad as GatewayError).code).toBe('gateway_bad_reply');
    expect(() => parseReply('GET /healthz', 200, '{"service":1}', healthSchema)).toThrow(/unexpected shape/);
  });
});
