// Turns one untrusted WebSocket text message into either a call to dispatch or a typed error.
// The id is recovered whenever possible so the caller's promise can settle instead of hanging.
import type { ActionableError } from '../contract/model';

export type ParsedClientFrame =
  | { kind: 'call'; id: number; name: unknown; params: unknown }
  | { kind: 'invalid'; id: number; error: ActionableError }
  /** Not JSON, or no usable id: there is nobody to answer. */
  | { kind: 'unreadable'; reason: string };

function isFrameId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function parseClientFrame(text: string): ParsedClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', reason: 'not JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'unreadable', reason: 'not a JSON object' };
  }
  const frame = value as Record<string, unknown>;
  const id = Object.prototype.hasOwnProperty.call(frame, 'id') ? frame.id : undefined;
  if (!isFrameId(id)) return { kind: 'unreadable', reason: 'missing or invalid id' };
  const type = Object.prototype.hasOwnProperty.call(frame, 'type') ? frame.type : undefined;
  if (type !== 'call') {
    return {
      kind: 'invalid',
      id,
      error: {
        code: 'invalid_frame',
        message: `Unsupported frame type ${JSON.stringify(String(type)).slice(0, 40)}.`,
        hint: 'The UI and the companion are out of step; reload the page.',
      },
    };
  }
  return {
    kind: 'call',
    id,
    name: Object.prototype.hasOwnProperty.call(frame, 'name') ? frame.name : undefined,
    params: Object.prototype.hasOwnProperty.call(frame, 'params') ? frame.params : undefined,
  };
}
