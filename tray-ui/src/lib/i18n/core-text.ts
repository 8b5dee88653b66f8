// Texts core produces, said in the UI's language. Core names each text by a stable code (plus
// params); the English sentence it also sends is the fallback for a code this UI does not know yet.
// Text from outside (the gateway's own error words, an approval's title) arrives as a param and is
// shown as it came.
import type {
  ActionableError,
  CompanionNotification,
  ConnectionState,
  DiscordProviderView,
  OnboardingStep,
} from '../../../../main/contract/model';
import { binaryLabel, linkStateLabel } from './labels';
import { currentLocale, english_, hasKey, t, type MessageParams } from './translate.svelte';

export interface ShownError {
  message: string;
  hint: string;
  /** True when the message is foreign text (the gateway's, an exception's), not ours to translate. */
  external: boolean;
}

/** Codes whose message is whatever the other side said (the catalogue has only their hint). */
const EXTERNAL_MESSAGE = new Set([
  'ui_error',
  'run_failed',
  'hotkey_unavailable',
  'node_action_failed',
  'send_failed',
  'transcript_failed',
  'gateway_unreachable',
  'gateway_bad_request',
  'gateway_auth_rejected',
  'console_session_rejected',
  'gateway_not_found',
  'gateway_precondition_failed',
  'payload_too_large',
  'rate_limited',
  'gateway_unavailable',
]);

/** The catalogue's text when it has one and every value it names was sent; else null. */
function translated(key: string, params: MessageParams): string | null {
  if (!hasKey(key)) return null;
  const text = t(key, params);
  return /\{[a-zA-Z0-9_]+\}/.test(text) ? null : text;
}

/** Palyra's state words named in a text (a profile's health, a connector's state): ours to say. */
const WORD_PARAMS: Record<string, string> = {
  health: 'providers.health',
  readiness: 'providers.readiness',
  liveness: 'providers.liveness',
};

/** A Palyra state word in the UI's language; an unknown one as it came. */
export function stateWord(kind: 'health' | 'readiness' | 'liveness', value: string): string {
  const key = `${WORD_PARAMS[kind]}.${value}`;
  return hasKey(key) ? t(key) : value;
}

function wordParams(params: MessageParams): MessageParams {
  const out: MessageParams = { ...params };
  for (const kind of ['health', 'readiness', 'liveness'] as const) {
    const value = out[kind];
    if (typeof value === 'string') out[kind] = stateWord(kind, value);
  }
  if (out.credential === 'oauth') out.credential = t('providers.openai.oauth');
  else if (out.credential === 'api_key') out.credential = t('providers.openai.apiKey');
  return out;
}

export function errorText(error: ActionableError): ShownError {
  const external = EXTERNAL_MESSAGE.has(error.code);
  // In English, core's own sentence is the most specific there is: shown verbatim.
  if (currentLocale() === 'en') return { message: error.message, hint: error.hint, external };
  const params: MessageParams = wordParams(error.params ?? {});
  // A list of services is named in the UI's words ("Služba prohlížeče (palyra-browserd)").
  if (typeof params.services === 'string')
    params.list = params.services.split(',').map(binaryLabel).join(', ');
  // One code can have several sentences: core names the one it means in `params.variant`.
  const variant = params.variant;
  const stem =
    typeof variant === 'string' && hasKey(`errors.${error.code}.${variant}.message`)
      ? `errors.${error.code}.${variant}`
      : `errors.${error.code}`;
  // A hint is translated only when core sent the catalogue's own English: a caller that wrote a
  // more specific hint for its context keeps it. A variant without a hint of its own has the code's.
  const hintKey = hasKey(`${stem}.hint`) ? `${stem}.hint` : `errors.${error.code}.hint`;
  const hint = (): string =>
    (hasKey(hintKey) && english_(hintKey, params) === error.hint ? translated(hintKey, params) : null) ??
    error.hint;
  const message = translated(`${stem}.message`, params);
  if (message !== null) return { message, hint: hint(), external: false };
  // Someone else's words with our advice; or an error this catalogue does not know (yet): English.
  if (EXTERNAL_MESSAGE.has(error.code)) return { message: error.message, hint: hint(), external: true };
  return { message: error.message, hint: error.hint, external: false };
}

function localizedParams(params: Record<string, string | number> | undefined): MessageParams {
  const out: MessageParams = { ...(params ?? {}) };
  // A connection state named in a text is a word of ours, not data.
  if (typeof out.previous === 'string') out.previous = linkStateLabel(out.previous as ConnectionState);
  return out;
}

export function notificationTitle(n: CompanionNotification): string {
  const key = `notifications.text.${n.code ?? ''}.title`;
  return n.code && hasKey(key) ? t(key, localizedParams(n.params)) : n.title;
}

export function notificationDetail(n: CompanionNotification): string {
  if (n.code === 'crash' && n.params) {
    const key = 'code' in n.params ? 'notifications.text.crash.exitCode' : 'notifications.text.crash.signal';
    return t(key, n.params);
  }
  const key = `notifications.text.${n.code ?? ''}.detail`;
  return n.code && hasKey(key) ? t(key, localizedParams(n.params)) : n.detail;
}

export function stepTitle(step: OnboardingStep): string {
  const key = `setup.step.${step.key}.title`;
  return hasKey(key) && english_(key) === step.title ? t(key) : step.title;
}

export function stepDetail(step: OnboardingStep): string {
  const key = `setup.detail.${step.detailCode ?? ''}`;
  return step.detailCode && hasKey(key) ? t(key, wordParams(step.detailParams ?? {})) : step.detail;
}

/** The Discord step's note after an action: ours by code, the gateway's warnings as they came. */
export function discordNote(view: DiscordProviderView): string | null {
  if (!view.lastMessage) return null;
  const key = `providers.discord.note.${view.lastMessageCode ?? ''}`;
  if (!view.lastMessageCode || !hasKey(key)) return view.lastMessage;
  const params = view.lastMessageParams ?? {};
  const parts = [t(key, params)];
  if (params.restart) parts.push(t('providers.discord.note.restart'));
  if (typeof params.warnings === 'string' && params.warnings) parts.push(params.warnings);
  return parts.join(' ');
}

/**
 * A service's last exit. Core words it in one of two fixed shapes (`<name> exited with code N`,
 * `<name> was killed by SIG…`); anything else is shown as it came.
 */
export function exitText(lastExit: string): string {
  const code = / exited with code (-?\d+)$/.exec(lastExit);
  if (code)
    return t('notifications.text.crash.exitCode', { name: lastExit.slice(0, code.index), code: code[1]! });
  const signal = / was killed by (\S+)$/.exec(lastExit);
  if (signal)
    return t('notifications.text.crash.signal', {
      name: lastExit.slice(0, signal.index),
      signal: signal[1]!,
    });
  return lastExit;
}
