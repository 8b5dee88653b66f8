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

/** message.received {text} → user, message.replied {reply_text} → assistant; other records are run internals. */
export function toChatMessages(records: readonly TranscriptRecordLike[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const record of records) {
    const role =
      record.event_type === 'message.received'
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
