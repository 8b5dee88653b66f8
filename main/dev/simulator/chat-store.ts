import { apiErrors } from './api-error';
import type { ConsoleContext } from './console-sessions';
import { isUlid, type UlidFactory } from './ulid';

/** palyrad's OrchestratorSessionRecord; optional fields are omitted when unset. */
export interface SessionRecord {
  session_id: string;
  session_key: string;
  session_label?: string;
  principal: string;
  device_id: string;
  channel?: string;
  created_at_unix_ms: number;
  updated_at_unix_ms: number;
  title: string;
  title_source: string;
  title_generation_state: string;
  manual_title_locked: boolean;
  branch_state: string;
  last_run_id?: string;
  last_run_state?: string;
  preview?: string;
}

export interface TranscriptRecord {
  session_id: string;
  run_id: string;
  seq: number;
  event_type: string;
  payload_json: string;
  created_at_unix_ms: number;
  origin_kind: string;
}

/** palyrad's OrchestratorRunStatusSnapshot as the transcript lists it (journal.rs). */
export interface RunRecord {
  run_id: string;
  session_id: string;
  state: string;
  cancel_requested: boolean;
  principal: string;
  device_id: string;
  channel?: string;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  created_at_unix_ms: number;
  started_at_unix_ms: number;
  completed_at_unix_ms?: number;
  updated_at_unix_ms: number;
  last_error?: string;
  origin_kind: string;
  triggered_by_principal: string;
}

export interface ResolveRequest {
  session_id?: string | undefined;
  session_key?: string | undefined;
  session_label?: string | undefined;
  require_existing?: boolean | undefined;
  reset_session?: boolean | undefined;
}

const SORTS = ['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'title_asc', 'title_desc'];

/** Chat sessions and transcripts, scoped to the (principal, device, channel) that owns them. */
export class ChatStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly transcripts = new Map<string, TranscriptRecord[]>();
  private readonly runs = new Map<string, RunRecord[]>();
  /** Called after every change, so the journal file can follow. */
  onChange: () => void = () => undefined;

  constructor(private readonly ids: UlidFactory) {}

  /** Sessions and transcripts of an earlier run (the journal file), replacing nothing newer. */
  restore(
    sessions: SessionRecord[],
    transcripts: Record<string, TranscriptRecord[]>,
    runs: Record<string, RunRecord[]> = {},
  ): void {
    for (const s of sessions) {
      // palyrad leaves a run cut off by a crash `in_progress` in its journal; so does the simulator.
      this.sessions.set(s.session_id, s);
      this.transcripts.set(s.session_id, transcripts[s.session_id] ?? []);
      this.runs.set(s.session_id, runs[s.session_id] ?? []);
    }
  }

  exportState(): {
    sessions: SessionRecord[];
    transcripts: Record<string, TranscriptRecord[]>;
    runs: Record<string, RunRecord[]>;
  } {
    return {
      sessions: [...this.sessions.values()],
      transcripts: Object.fromEntries(this.transcripts),
      runs: Object.fromEntries(this.runs),
    };
  }

  /** Starts a run as palyrad's run stream does: `origin_kind` verbatim, `manual` when empty. */
  startRun(
    context: ConsoleContext,
    sessionId: string,
    runId: string,
    originKind: string,
    now = Date.now(),
  ): RunRecord {
    const run: RunRecord = {
      run_id: runId,
      session_id: sessionId,
      state: 'in_progress',
      cancel_requested: false,
      principal: context.principal,
      device_id: context.deviceId,
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      created_at_unix_ms: now,
      started_at_unix_ms: now,
      updated_at_unix_ms: now,
      origin_kind: originKind.trim() || 'manual',
      triggered_by_principal: context.principal,
    };
    if (context.channel !== null) run.channel = context.channel;
    const list = this.runs.get(sessionId) ?? [];
    list.push(run);
    this.runs.set(sessionId, list);
    this.onChange();
    return run;
  }

  /** A run that ended: done, failed or cancelled. */
  finishRun(run: RunRecord, state: string, lastError: string | null, now = Date.now()): void {
    run.state = state;
    run.updated_at_unix_ms = now;
    run.completed_at_unix_ms = now;
    if (lastError !== null) run.last_error = lastError;
    this.onChange();
  }

  /** The run with this id in any session, for cancellation. */
  findRun(runId: string): RunRecord | null {
    for (const list of this.runs.values()) {
      const run = list.find((r) => r.run_id === runId);
      if (run) return run;
    }
    return null;
  }

  resolve(context: ConsoleContext, req: ResolveRequest, now = Date.now()): Record<string, unknown> {
    if (req.session_id !== undefined && req.session_key !== undefined) {
      throw apiErrors.invalid('session_id and session_key cannot both be set', 'session_id');
    }
    if (req.session_id !== undefined && !isUlid(req.session_id)) {
      throw apiErrors.invalid('session_id must be a ULID', 'session_id');
    }
    let found: SessionRecord | undefined;
    if (req.session_id !== undefined) found = this.sessions.get(req.session_id);
    else if (req.session_key !== undefined)
      found = [...this.sessions.values()].find((s) => s.session_key === req.session_key);
    else if (req.session_label !== undefined)
      found = [...this.sessions.values()].find(
        (s) => s.session_label === req.session_label && owns(context, s),
      );
    if (found && !owns(context, found))
      throw apiErrors.precondition('orchestrator session identity mismatch');
    if (found) {
      const reset = req.reset_session === true;
      if (reset) {
        this.transcripts.set(found.session_id, []);
        this.runs.set(found.session_id, []);
        this.onChange();
      }
      return { session: found, created: false, reset_applied: reset };
    }
    if (req.require_existing === true) throw apiErrors.notFound('orchestrator session not found');
    const session = this.create(context, { key: req.session_key, label: req.session_label }, now);
    return { session, created: true, reset_applied: false };
  }

  create(
    context: ConsoleContext,
    opts: { key?: string | undefined; label?: string | undefined },
    now = Date.now(),
  ) {
    const sessionId = this.ids.next(now);
    const session: SessionRecord = {
      session_id: sessionId,
      session_key: opts.key ?? sessionId,
      principal: context.principal,
      device_id: context.deviceId,
      created_at_unix_ms: now,
      updated_at_unix_ms: now,
      title: opts.label ?? 'New session',
      title_source: opts.label ? 'label' : 'default',
      title_generation_state: 'idle',
      manual_title_locked: false,
      branch_state: 'root',
    };
    if (opts.label !== undefined) session.session_label = opts.label;
    if (context.channel !== null) session.channel = context.channel;
    this.sessions.set(sessionId, session);
    this.transcripts.set(sessionId, []);
    this.runs.set(sessionId, []);
    this.onChange();
    return session;
  }

  /** The session a stream targets; null when it does not exist for this context. */
  find(context: ConsoleContext, sessionId: string): SessionRecord | null {
    const s = this.sessions.get(sessionId);
    return s && owns(context, s) ? s : null;
  }

  /** One tape record of a run; `seq` counts within the run, as palyrad's tape does. */
  append(run: RunRecord, eventType: string, payload: unknown, now = Date.now()): void {
    const records = this.transcripts.get(run.session_id);
    if (!records) return;
    records.push({
      session_id: run.session_id,
      run_id: run.run_id,
      seq: records.filter((r) => r.run_id === run.run_id).length,
      event_type: eventType,
      payload_json: JSON.stringify(payload),
      created_at_unix_ms: now,
      origin_kind: run.origin_kind,
    });
    this.onChange();
  }

  transcript(context: ConsoleContext, sessionId: string): Record<string, unknown> {
    if (!isUlid(sessionId)) throw apiErrors.invalid('session_id must be a ULID', 'session_id');
    const session = this.find(context, sessionId);
    if (!session) throw apiErrors.notFound(`orchestrator session not found: ${sessionId}`);
    return {
      contract: { contract_version: 'control-plane.v1' },
      session,
      records: this.transcripts.get(sessionId) ?? [],
      attachments: [],
      derived_artifacts: [],
      pins: [],
      compactions: [],
      checkpoints: [],
      queued_inputs: [],
      runs: this.runs.get(sessionId) ?? [],
      background_tasks: [],
    };
  }

  catalog(context: ConsoleContext, query: URLSearchParams, pendingBySession: Map<string, number>) {
    const limitRaw = query.get('limit');
    const limit = limitRaw === null ? 25 : Math.min(100, Math.max(1, Number(limitRaw) || 25));
    const sort = query.get('sort') ?? 'updated_desc';
    if (!SORTS.includes(sort)) throw apiErrors.invalid(`unsupported sort: ${sort}`, 'sort');
    const offset = Number(query.get('cursor') ?? '0');
    if (!Number.isInteger(offset) || offset < 0)
      throw apiErrors.invalid('cursor must be an offset', 'cursor');
    const [field, direction] = sort.split('_') as [string, string];
    const key = (s: SessionRecord): string | number =>
      field === 'updated' ? s.updated_at_unix_ms : field === 'created' ? s.created_at_unix_ms : s.title;
    const all = [...this.sessions.values()]
      .filter((s) => owns(context, s))
      .sort((a, b) => {
        const cmp = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.session_id < b.session_id ? -1 : 1;
        return direction === 'desc' ? -cmp : cmp;
      });
    const page = all.slice(offset, offset + limit);
    const hasMore = offset + limit < all.length;
    return {
      contract: { contract_version: 'control-plane.v1' },
      sessions: page.map((s) => catalogRecord(s, pendingBySession.get(s.session_id) ?? 0)),
      summary: {
        active_sessions: all.length,
        archived_sessions: 0,
        sessions_with_pending_approvals: all.filter((s) => (pendingBySession.get(s.session_id) ?? 0) > 0)
          .length,
        sessions_with_active_runs: all.filter((s) => s.last_run_state === 'in_progress').length,
        sessions_with_context_files: 0,
      },
      query: { limit, sort, include_archived: query.get('include_archived') === 'true' },
      page: {
        limit,
        returned: page.length,
        has_more: hasMore,
        ...(hasMore ? { next_cursor: String(offset + limit) } : {}),
      },
    };
  }

  /** palyrad's chat session list: by session key, limit 1..128 (default 32), no archived ones. */
  listByKey(context: ConsoleContext, query: URLSearchParams): Record<string, unknown> {
    const raw = query.get('limit');
    const limit = raw === null || raw === '' ? 32 : Math.min(128, Math.max(1, Number(raw) || 32));
    const after = query.get('after_session_key');
    const rows = [...this.sessions.values()]
      .filter((s) => owns(context, s) && (after === null || s.session_key > after))
      .sort((a, b) => (a.session_key < b.session_key ? -1 : 1))
      .slice(0, limit + 1);
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? (page.at(-1)?.session_key ?? null) : null;
    return {
      sessions: page,
      next_after_session_key: next,
      page: { limit, returned: page.length, has_more: next !== null, ...(next ? { next_cursor: next } : {}) },
    };
  }

  get size(): number {
    return this.sessions.size;
  }
}

function owns(context: ConsoleContext, s: SessionRecord): boolean {
  return (
    s.principal === context.principal &&
    s.device_id === context.deviceId &&
    (s.channel ?? null) === context.channel
  );
}

function catalogRecord(s: SessionRecord, pending: number): Record<string, unknown> {
  return {
    ...s,
    preview_state: s.preview ? 'ready' : 'empty',
    last_intent_state: 'empty',
    last_summary_state: 'empty',
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    archived: false,
    pending_approvals: pending,
    has_context_files: false,
    artifact_count: 0,
    agent_id: 'default',
    model_profile: 'deterministic',
    family: { root_session_id: s.session_id, parent_session_id: null, depth: 0 },
    recap: { summary: s.preview ?? null },
    quick_controls: { thinking: false, trace: false, verbose: false },
  };
}
