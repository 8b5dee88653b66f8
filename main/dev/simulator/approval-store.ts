import { createHash } from 'node:crypto';
import { apiErrors } from './api-error';
import type { ConsoleContext } from './console-sessions';
import { isUlid, UlidFactory } from './ulid';

export type Decision = 'allow' | 'deny' | 'timeout' | 'error';
export type DecisionScope = 'once' | 'session' | 'timeboxed';
export const DECISION_SCOPES: readonly DecisionScope[] = ['once', 'session', 'timeboxed'];
const DECISIONS: readonly Decision[] = ['allow', 'deny', 'timeout', 'error'];
const SUBJECT_TYPES = [
  'tool',
  'channel_send',
  'secret_access',
  'browser_action',
  'node_capability',
  'device_pairing',
];

export interface ApprovalRecord {
  approval_id: string;
  session_id: string;
  run_id: string;
  principal: string;
  device_id: string;
  channel?: string;
  requested_at_unix_ms: number;
  resolved_at_unix_ms?: number;
  subject_type: string;
  subject_id: string;
  request_summary: string;
  decision?: Decision;
  decision_scope?: DecisionScope;
  decision_reason?: string;
  decision_scope_ttl_ms?: number;
  policy_snapshot: { policy_id: string; policy_hash: string; evaluation_summary: string };
  prompt: ApprovalPrompt;
  created_at_unix_ms: number;
  updated_at_unix_ms: number;
}

export interface ApprovalPrompt {
  title: string;
  risk_level: string;
  subject_id: string;
  summary: string;
  options: {
    option_id: string;
    label: string;
    description: string;
    default_selected: boolean;
    decision_scope: DecisionScope;
    timebox_ttl_ms?: number;
  }[];
  timeout_seconds: number;
  details_json: string;
  policy_explanation: string;
}

export interface DecisionInput {
  approved: boolean;
  reason: string;
  scope: DecisionScope;
  ttlMs: number | null;
}

/** What /__sim/decisions reports: every decision the gateway received, in order. */
export interface DecisionLogEntry {
  approval_id: string;
  approved: boolean;
  decision_scope: DecisionScope;
  decision_scope_ttl_ms: number | null;
  reason: string;
  at_unix_ms: number;
}

export interface NewApproval {
  context: ConsoleContext;
  sessionId: string;
  runId: string;
  toolName: string;
  riskLevel: string;
  title?: string;
  inputJson: unknown;
  /** Real wait; the prompt advertises it rounded up to whole seconds. */
  timeoutMs: number;
}

type DecisionListener = (record: ApprovalRecord, decision: DecisionInput) => void;

export class ApprovalStore {
  private readonly records = new Map<string, ApprovalRecord>();
  /** Every approval id in ULID (text) order, as palyrad's journal lists them. */
  private readonly order: string[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Map<string, DecisionListener>();
  readonly decisionLog: DecisionLogEntry[] = [];
  /** Called after every change with the changed record, so the journal can follow. */
  onChange: (record: ApprovalRecord) => void = () => undefined;

  constructor(private readonly ids: UlidFactory) {}

  /** Approvals of an earlier run. Pending ones stay pending: their run is gone, a decision is still recorded. */
  restore(records: ApprovalRecord[]): void {
    for (const r of records) {
      if (!this.records.has(r.approval_id)) this.order.push(r.approval_id);
      this.records.set(r.approval_id, r);
    }
    this.order.sort();
  }

  exportRecords(): ApprovalRecord[] {
    return [...this.records.values()];
  }

  create(input: NewApproval, now = Date.now()): ApprovalRecord {
    const approvalId = this.ids.next(now);
    const subjectType = input.toolName.startsWith('palyra.browser.') ? 'browser_action' : 'tool';
    const subjectId = `tool:${input.toolName}`;
    const summary = JSON.stringify({ tool_name: input.toolName, input: input.inputJson }).slice(0, 1024);
    const record: ApprovalRecord = {
      approval_id: approvalId,
      session_id: input.sessionId,
      run_id: input.runId,
      principal: input.context.principal,
      device_id: input.context.deviceId,
      requested_at_unix_ms: now,
      subject_type: subjectType,
      subject_id: subjectId,
      request_summary: summary,
      policy_snapshot: {
        policy_id: 'tool_call_policy.v1',
        policy_hash: createHash('sha256').update(subjectId).digest('hex'),
        evaluation_summary: `action=tool.execute resource=${subjectId} approval_required=true deny_by_default=true`,
      },
      prompt: {
        title: input.title ?? `Approve ${input.toolName}`,
        risk_level: input.riskLevel,
        subject_id: subjectId,
        // Worded as palyrad's build_pending_tool_approval words them.
        summary: `Tool \`${input.toolName}\` requested explicit approval`,
        // palyrad's default_approval_prompt_options (application/approvals/mod.rs): tool approvals
        // offer these three and no timeboxed one (only its DM-pairing approvals offer a timebox).
        options: [
          {
            option_id: 'allow_once',
            label: 'Allow once',
            description: 'Approve this single action',
            default_selected: true,
            decision_scope: 'once',
          },
          {
            option_id: 'allow_session',
            label: 'Allow for session',
            description: 'Remember approval for this session',
            default_selected: false,
            decision_scope: 'session',
          },
          {
            option_id: 'deny_once',
            label: 'Deny',
            description: 'Reject this action',
            default_selected: false,
            decision_scope: 'once',
          },
        ],
        timeout_seconds: Math.max(1, Math.ceil(input.timeoutMs / 1000)),
        details_json: JSON.stringify({
          tool_name: input.toolName,
          subject_id: subjectId,
          skill_id: null,
          skill_version: null,
          input_json: input.inputJson,
        }),
        policy_explanation: 'Sensitive tool actions are deny-by-default until explicitly approved',
      },
      created_at_unix_ms: now,
      updated_at_unix_ms: now,
    };
    if (input.context.channel !== null) record.channel = input.context.channel;
    this.records.set(approvalId, record);
    this.insertId(approvalId);
    const timer = setTimeout(() => this.expire(approvalId), input.timeoutMs);
    timer.unref();
    this.timers.set(approvalId, timer);
    this.onChange(record);
    return record;
  }

  /** Resolves with the operator's decision, or with the timeout decision the run itself records. */
  onDecision(approvalId: string, listener: DecisionListener): void {
    this.listeners.set(approvalId, listener);
  }

  decide(approvalId: string, input: DecisionInput, now = Date.now()): ApprovalRecord {
    if (!isUlid(approvalId)) throw apiErrors.invalid('approval_id must be a ULID', 'approval_id');
    const record = this.records.get(approvalId);
    if (!record) throw apiErrors.notFound(`approval record not found: ${approvalId}`);
    this.decisionLog.push({
      approval_id: approvalId,
      approved: input.approved,
      decision_scope: input.scope,
      decision_scope_ttl_ms: input.ttlMs,
      reason: input.reason,
      at_unix_ms: now,
    });
    this.apply(record, input.approved ? 'allow' : 'deny', input, now);
    return record;
  }

  get(approvalId: string): ApprovalRecord {
    if (!isUlid(approvalId)) throw apiErrors.invalid('approval_id must be a ULID', 'approval_id');
    const record = this.records.get(approvalId);
    if (!record) throw apiErrors.notFound(`approval record not found: ${approvalId}`);
    return record;
  }

  list(query: URLSearchParams): Record<string, unknown> {
    // palyrad compares the cursor as text (`approval_ulid > ?`) and checks no format (journal.rs).
    const after = query.get('after_approval_id');
    const since = integerParam(query, 'since_unix_ms');
    const until = integerParam(query, 'until_unix_ms');
    const subjectId = query.get('subject_id');
    const principal = query.get('principal');
    const limit = clampLimit(query.get('limit'), 100, 500);
    const decision = query.get('decision');
    if (decision !== null && !DECISIONS.includes(decision as Decision)) {
      throw apiErrors.invalid(`unsupported decision filter: ${decision}`, 'decision');
    }
    const subjectType = query.get('subject_type');
    if (subjectType !== null && !SUBJECT_TYPES.includes(subjectType)) {
      throw apiErrors.invalid(`unsupported subject_type filter: ${subjectType}`, 'subject_type');
    }
    // Walk the ids from the cursor on instead of sorting every record for every page.
    const rows: ApprovalRecord[] = [];
    for (let i = after === null ? 0 : firstAbove(this.order, after); i < this.order.length; i += 1) {
      const r = this.records.get(this.order[i]!)!;
      if (since !== null && r.requested_at_unix_ms < since) continue;
      if (until !== null && r.requested_at_unix_ms > until) continue;
      if (subjectId !== null && r.subject_id !== subjectId) continue;
      if (principal !== null && r.principal !== principal) continue;
      if (decision !== null && r.decision !== decision) continue;
      if (subjectType !== null && r.subject_type !== subjectType) continue;
      rows.push(r);
      if (rows.length > limit) break;
    }
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const next = hasMore ? (page[page.length - 1]?.approval_id ?? null) : null;
    return {
      approvals: page,
      next_after_approval_id: next,
      page: { limit, returned: page.length, has_more: hasMore, ...(next ? { next_cursor: next } : {}) },
    };
  }

  /** Ids come from a monotonic factory, so a new one almost always goes at the end. */
  private insertId(approvalId: string): void {
    const last = this.order[this.order.length - 1];
    if (last === undefined || last < approvalId) this.order.push(approvalId);
    else this.order.splice(firstAbove(this.order, approvalId), 0, approvalId);
  }

  pendingCount(): number {
    return [...this.records.values()].filter((r) => r.decision === undefined).length;
  }

  private expire(approvalId: string): void {
    const record = this.records.get(approvalId);
    if (!record || record.decision !== undefined) return;
    this.apply(
      record,
      'timeout',
      { approved: false, reason: 'approval_response_timeout', scope: 'once', ttlMs: null },
      Date.now(),
    );
  }

  private apply(record: ApprovalRecord, decision: Decision, input: DecisionInput, now: number): void {
    // Deciding again overwrites the decision but keeps the first resolution time (journal.rs).
    record.decision = decision;
    record.decision_scope = input.scope;
    record.decision_reason = input.reason;
    if (input.ttlMs !== null) record.decision_scope_ttl_ms = input.ttlMs;
    else delete record.decision_scope_ttl_ms;
    record.resolved_at_unix_ms ??= now;
    record.updated_at_unix_ms = now;
    const timer = this.timers.get(record.approval_id);
    if (timer) clearTimeout(timer);
    this.timers.delete(record.approval_id);
    const listener = this.listeners.get(record.approval_id);
    this.listeners.delete(record.approval_id);
    this.onChange(record);
    listener?.(record, input);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** Index of the first id in sorted `ids` greater than `after` (text order, as palyrad compares). */
function firstAbove(ids: readonly string[], after: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** An i64 query parameter: absent is null, anything but an integer is refused (axum's Query). */
function integerParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null) return null;
  if (!/^-?\d+$/.test(raw))
    throw apiErrors.invalid(
      `Failed to deserialize query string: ${name}: invalid digit found in string`,
      name,
    );
  return Number(raw);
}

export function clampLimit(raw: string | null, fallback: number, max: number): number {
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw apiErrors.invalid('limit must be an integer', 'limit');
  return Math.min(max, Math.max(1, n));
}
