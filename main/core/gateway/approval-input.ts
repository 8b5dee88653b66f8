// What an approval asks to run, made safe to show: the tool input from Palyra's
// `prompt.details_json`, with secrets masked by key name and token-looking values masked wherever
// they are, and a one-line summary for the native notification. Masking happens here, in core, so
// no secret in a tool input ever reaches the UI or a toast.
import type { JsonValue } from '../../contract/model';
import { Redactor } from '../logs/redactor';

export const MASK = '••••••';

const SECRET_KEY =
  /token|secret|passw(or)?d|passwd|pwd|api[_-]?key|apikey|authorization|cookie|credential|private[_-]?key|signature|csrf|session[_-]?key/i;
// Well-known credential shapes, and long unbroken runs mixing letters and digits (hashes, keys).
const TOKEN_PREFIX = /^(sk-|sk_live_|pk_live_|ghp_|gho_|github_pat_|xox[abprs]-|AKIA|AIza|glpat-|eyJ)/;
const LONG_OPAQUE = /^[A-Za-z0-9_+/=.-]{32,}$/;

const redactor = new Redactor();

function looksLikeToken(value: string): boolean {
  if (TOKEN_PREFIX.test(value)) return true;
  return LONG_OPAQUE.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value) && !value.includes('/');
}

/** A deep copy of `value` with secret-named keys and token-like strings masked. */
export function maskSecrets(value: unknown, key = ''): JsonValue {
  if (key && SECRET_KEY.test(key) && value !== null && typeof value !== 'object') return MASK;
  if (typeof value === 'string') {
    if (looksLikeToken(value)) return MASK;
    return redactor.redact(value).replaceAll('<redacted>', MASK);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskSecrets(v, k);
    return out;
  }
  return null;
}

function parse(details: unknown): unknown {
  if (typeof details !== 'string') return details ?? null;
  try {
    return JSON.parse(details) as unknown;
  } catch {
    return details;
  }
}

/**
 * The tool's input: palyrad wraps it as `{tool_name, subject_id, skill_id, …, input_json}`; other
 * approval kinds put their details at the top level.
 */
export function approvalInput(detailsJson: unknown): JsonValue | null {
  const details = parse(detailsJson);
  if (details === null || details === undefined) return null;
  if (typeof details === 'object' && !Array.isArray(details) && 'input_json' in details) {
    return maskSecrets((details as { input_json: unknown }).input_json);
  }
  return maskSecrets(details);
}

function scalarText(value: JsonValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value);
}

/** `command: "rm -rf build" · cwd: "/srv/app"` — at most `max` characters, one line. */
export function summarizeInput(input: JsonValue | null, max = 140): string {
  if (input === null) return '';
  let text: string;
  if (typeof input === 'object' && !Array.isArray(input)) {
    text = Object.entries(input)
      .map(([k, v]) => `${k}: ${scalarText(v)}`)
      .join(' · ');
  } else {
    text = scalarText(input);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
