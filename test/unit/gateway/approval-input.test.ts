import { describe, expect, it } from 'vitest';
import { approvalInput, MASK, summarizeInput } from '../../../main/core/gateway/approval-input';
import { toApprovalView } from '../../../main/core/gateway/approval-view';
import type { ApprovalRecord } from '../../../main/core/gateway/schemas';

const details = (input: unknown) =>
  JSON.stringify({ tool_name: 'palyra.http.fetch', subject_id: 'tool:palyra.http.fetch', input_json: input });

describe('approvalInput', () => {
  it("unwraps palyrad's input_json and masks secrets by key name and by shape", () => {
    const input = approvalInput(
      details({
        url: 'https://api.example.com/v1?access_token=abc123def',
        headers: { Authorization: 'Bearer sk-live-1234567890', 'X-Trace': 'ok' },
        api_key: 'hunter2',
        nested: [{ password: 'pw' }, 'ghp_0123456789abcdefABCDEF0123456789abcd'],
        body: 'plain text stays',
        count: 3,
      }),
    );
    expect(input).toEqual({
      url: `https://api.example.com/v1?access_token=${MASK}`,
      headers: { Authorization: MASK, 'X-Trace': 'ok' },
      api_key: MASK,
      nested: [{ password: MASK }, MASK],
      body: 'plain text stays',
      count: 3,
    });
    expect(JSON.stringify(input)).not.toMatch(/hunter2|sk-live|abc123def|ghp_/);
  });

  it("keeps other approval kinds' details whole and survives non-JSON details", () => {
    expect(approvalInput({ device_id: 'd1' })).toEqual({ device_id: 'd1' });
    expect(approvalInput('not json')).toBe('not json');
    expect(approvalInput(undefined)).toBeNull();
  });
});

describe('summarizeInput', () => {
  it('is one line of key: value pairs, cut with an ellipsis', () => {
    expect(summarizeInput({ command: 'git', args: ['pull', '--ff-only'], cwd: '~/p' })).toBe(
      'command: "git" · args: ["pull","--ff-only"] · cwd: "~/p"',
    );
    const long = summarizeInput({ content: 'a\nb '.repeat(100) }, 40);
    expect(long).toHaveLength(40);
    expect(long).not.toContain('\n');
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('toApprovalView', () => {
  it("carries the input, its summary, the policy explanation and each option's description", () => {
    const record = {
      approval_id: '01J00000000000000000000000',
      requested_at_unix_ms: 1_000,
      subject_type: 'tool',
      subject_id: 'tool:palyra.process.run',
      prompt: {
        title: 'Approve palyra.process.run',
        risk_level: 'high',
        summary: 'Tool `palyra.process.run` requested explicit approval',
        options: [
          {
            option_id: 'allow_once',
            label: 'Allow once',
            description: 'Approve this single action',
            default_selected: true,
            decision_scope: 'once',
          },
          {
            option_id: 'deny_once',
            label: 'Deny',
            description: 'Reject this action',
            decision_scope: 'once',
          },
        ],
        timeout_seconds: 60,
        details_json: details({ command: 'rm', args: ['-rf', 'build'], token: 'secret-value' }),
        policy_explanation: 'Sensitive tool actions are deny-by-default until explicitly approved',
      },
    } as unknown as ApprovalRecord;
    const view = toApprovalView(record);
    expect(view.input).toEqual({ command: 'rm', args: ['-rf', 'build'], token: MASK });
    expect(view.inputSummary).toBe(`command: "rm" · args: ["-rf","build"] · token: "${MASK}"`);
    expect(view.policyExplanation).toMatch(/deny-by-default/);
    expect(view.options.map((o) => [o.label, o.description, o.approved])).toEqual([
      ['Allow once', 'Approve this single action', true],
      ['Deny', 'Reject this action', false],
    ]);
    expect(view.expiresAtMs).toBe(61_000);
  });
});
