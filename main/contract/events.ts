// Every event core pushes to the UI. The UI never polls: it takes one `snapshot.get`, then applies
// these in order.
import type { CompanionSnapshot, LogLine, SnapshotPatch, View } from './model';

export interface ChatStreamEvent {
  sessionId: string;
  runId: string | null;
  kind: 'token' | 'status' | 'complete' | 'error';
  /** The token text for `token`; the status/complete kind; the sanitized error message. */
  text: string;
}

export interface EventPayloads {
  /** Sent once to each new subscriber, and after a reconnect. */
  snapshot: CompanionSnapshot;
  /** Replaces the named top-level snapshot keys. */
  'snapshot.patch': SnapshotPatch;
  /** Newly captured log lines (batched). */
  'log.lines': LogLine[];
  'chat.stream': ChatStreamEvent;
  /** The shell asks the UI to show a view (tray menu, notification click, hotkey). */
  navigate: { view: import('./model').View; approvalId?: string };
}

export type EventName = keyof EventPayloads;

export const eventNames: readonly EventName[] = [
  'snapshot',
  'snapshot.patch',
  'log.lines',
  'chat.stream',
  'navigate',
] as const;

/** Applies a patch; returns the same object when the patch is stale (older revision). */
export function applyPatch(snapshot: CompanionSnapshot, patch: SnapshotPatch): CompanionSnapshot {
  if (patch.revision <= snapshot.revision) return snapshot;
  return { ...snapshot, ...patch };
}

export type { View };
