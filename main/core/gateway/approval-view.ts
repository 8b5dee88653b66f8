import type { ApprovalOption, ApprovalView, RiskLevel } from '../../contract/model';
import { approvalInput, summarizeInput } from './approval-input';
import type { ApprovalRecord } from './schemas';

const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical', 'unspecified'];

/** Pending means the gateway has not recorded a decision yet (§2.5). */
export function isPending(record: ApprovalRecord): boolean {
  return record.decision === undefined || record.decision === null;
}

export function toApprovalView(record: ApprovalRecord): ApprovalView {
  const prompt = record.prompt;
  const input = approvalInput(prompt.details_json);
  const risk = RISK_LEVELS.includes(prompt.risk_level as RiskLevel)
    ? (prompt.risk_level as RiskLevel)
    : 'unspecified';
  return {
    approvalId: record.approval_id,
    title: prompt.title,
    riskLevel: risk,
    summary: prompt.summary,
    subjectType: record.subject_type,
    subjectId: record.subject_id,
    toolName: toolNameOf(record),
    sessionId: record.session_id ?? null,
    runId: record.run_id ?? null,
    principal: record.principal ?? null,
    requestedAtMs: record.requested_at_unix_ms,
    // There is no expires_at on the wire; the run waits exactly timeout_seconds.
    expiresAtMs:
      prompt.timeout_seconds > 0 ? record.requested_at_unix_ms + prompt.timeout_seconds * 1000 : null,
    policyExplanation: prompt.policy_explanation ?? null,
    input,
    inputSummary: summarizeInput(input),
    options: prompt.options.map((o): ApprovalOption => ({
      optionId: o.option_id,
      label: o.label,
      description: o.description ?? null,
      scope: o.decision_scope,
      approved: !/deny|reject/i.test(o.option_id),
      ttlMs: o.timebox_ttl_ms ?? null,
      defaultSelected: o.default_selected ?? false,
    })),
    busy: false,
    error: null,
  };
}

function toolNameOf(record: ApprovalRecord): string | null {
  const details = record.prompt.details_json;
  let parsed: unknown = details;
  if (typeof details === 'string') {
    try {
      parsed = JSON.parse(details);
    } catch {
      parsed = null;
    }
  }
  if (parsed && typeof parsed === 'object' && 'tool_name' in parsed && typeof parsed.tool_name === 'string') {
    return parsed.tool_name;
  }
  // subject_id is `tool:<name>` or `tool:<name>|skill:<id>`.
  const match = /^tool:([^|]+)/.exec(record.subject_id);
  return match?.[1] ?? null;
}
