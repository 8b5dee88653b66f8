// The voice audit log's words. An entry is stored with its detail in English (Palyra's field, for
// logs and older UIs) plus a detail code and values; the list says it in the operator's current
// language from the code, so switching language re-words old entries too. Entries written before
// codes existed, or whose detail is only someone else's words (a device label), show the stored text.
import type {
  VoiceAuditDetailCode,
  VoiceAuditEntry,
  VoiceAuditParams,
} from '../../../../main/contract/voice';
import { errorText } from '../i18n/core-text';
import { english_, formatFixed, hasKey, t, type MessageParams } from '../i18n/translate.svelte';
import { MIC_PROBLEM_KEYS, type MicProblem } from './mic-errors';

/** The `audit` fields of a `voice.update` call, minus what the caller adds (session, remote…). */
export interface AuditDetail {
  detail: string;
  detailCode: VoiceAuditDetailCode;
  detailParams?: VoiceAuditParams;
}

/** The call schema's limit on an audit text (a device label or an error can be longer). */
const MAX_TEXT = 500;

function isMicProblem(value: string): value is MicProblem {
  return Object.prototype.hasOwnProperty.call(MIC_PROBLEM_KEYS, value);
}

/**
 * The code's sentence in English (`en`) or the active language, or null when the catalogue does
 * not know the code or a value it names is missing. Values are stored raw and formatted here: a
 * duration in seconds with one decimal in the language's digits, a problem kind as its sentence.
 */
function render(code: VoiceAuditDetailCode, stored: VoiceAuditParams, mode: 'en' | 'active'): string | null {
  const key = `voice.auditDetail.${code}`;
  if (!hasKey(key)) return null;
  const say = mode === 'en' ? english_ : t;
  const params: MessageParams = { ...stored };
  if (typeof stored.seconds === 'number')
    params.seconds = mode === 'en' ? stored.seconds.toFixed(1) : formatFixed(stored.seconds, 1);
  if (typeof stored.problem === 'string' && isMicProblem(stored.problem))
    params.problem = say(MIC_PROBLEM_KEYS[stored.problem].message);
  const text = say(key, params);
  return /\{[a-zA-Z0-9_]+\}/.test(text) ? null : text;
}

/** An audit detail to record: the English sentence of `code`, and the code and values themselves. */
export function auditDetail(code: VoiceAuditDetailCode, params: VoiceAuditParams = {}): AuditDetail {
  const bounded: VoiceAuditParams = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, MAX_TEXT) : v]),
  );
  const detail = (render(code, bounded, 'en') ?? code).slice(0, MAX_TEXT);
  return Object.keys(bounded).length > 0
    ? { detail, detailCode: code, detailParams: bounded }
    : { detail, detailCode: code };
}

/** An audit kind (`capture_started`) as the list labels it. */
export function auditKindLabel(kind: string): string {
  const key = `voice.auditKind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}

/** An entry's detail as shown: `external` when it is stored or foreign text, not our words. */
export interface ShownDetail {
  text: string;
  external: boolean;
}

/** An entry's detail in the active language; the stored text when there is no code for it. */
export function auditDetailText(
  entry: Pick<VoiceAuditEntry, 'detail' | 'detailCode' | 'detailParams'>,
): ShownDetail {
  const stored = { text: entry.detail, external: true };
  const { detailCode, detailParams = {} } = entry;
  if (!detailCode) return stored;
  if (detailCode === 'transcription_failed') {
    // Core recorded the error it threw: said the way the error itself is said (errors.*).
    const { errorCode, ...params } = detailParams;
    if (typeof errorCode !== 'string') return stored;
    const said = errorText({ code: errorCode, message: entry.detail, hint: '', params });
    return { text: said.message, external: said.external };
  }
  const text = render(detailCode, detailParams, 'active');
  return text === null ? stored : { text, external: false };
}
