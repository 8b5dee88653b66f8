import type { ChatMessage, SessionView } from '../../contract/model';
import type { CatalogRecord, SessionRecord } from './schemas';

export function toSessionView(record: CatalogRecord | SessionRecord): SessionView {
  return {
    sessionId: record.session_id,
    sessionKey: record.session_key,
    title: record.title || record.session_label || record.session_key,
    label: record.session_label ?? null,
    updatedAtMs: record.updated_at_unix_ms,
    preview: record.preview ?? record.last_summary ?? null,
    pendingApprovals: typeof record.pending_approvals === 'number' ? record.pending_approvals : 0,
  };
}

interface TranscriptRecordLike {
  run_id: string;
  seq: number;
  event_type: string;
  payload_json: string;
  created_at_unix_ms: number;
}

/** Tape records that carry the operator's own text (`{text}`). */
const USER_TEXT_EVENTS = new Set(['message.received', 'queued.input']);

/**
 * User and assistant messages of a transcript, the way palyrad itself reads its tape
 * (crates/palyra-daemon/src/application/session_compaction.rs): `message.received` and
 * `queued.input` {text} are the user's, `message.replied` {reply_text} the assistant's; everything
 * else is run internals. Console chat (the run stream) records only `message.replied`, never the
 * user's text, so for those runs the caller supplies the text it sent (`sentByRun`).
 */
export function toChatMessages(
  records: readonly TranscriptRecordLike[],
  sentByRun: ReadonlyMap<string, ChatMessage> = new Map(),
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const runsWithUserText = new Set(
    records.filter((r) => USER_TEXT_EVENTS.has(r.event_type)).map((r) => r.run_id),
  );
  const seenRuns = new Set<string>();
  for (const record of records) {
    if (!seenRuns.has(record.run_id)) {
      seenRuns.add(record.run_id);
      const sent = sentByRun.get(record.run_id);
      if (sent && !runsWithUserText.has(record.run_id)) messages.push(sent);
    }
    const role = USER_TEXT_EVENTS.has(record.event_type)
      ? 'user'
      : record.event_type === 'message.replied'
        ? 'assistant'
        : null;
    if (role === null) continue;
    const payload = parsePayload(record.payload_json);
    const text = role === 'user' ? payload.text : payload.reply_text;
    if (typeof text !== 'string') continue;
    messages.push({
      id: `${record.run_id}:${record.seq}`,
      role,
      text,
      atMs: record.created_at_unix_ms,
      runId: record.run_id || null,
    });
  }
  return messages;
}

function parsePayload(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
