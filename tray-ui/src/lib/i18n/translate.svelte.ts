// The UI's one way to show words: `t('area.key', { name })`. The active locale is reactive, so
// switching language in Settings re-renders every string without a reload.
import type { Locale, LocalePreference } from './catalog-types';
import { czech, english, type MessageKey } from './catalog';
import { formatMessage, type MessageParams } from '../../../../main/contract/message-format';
import { pseudoLocalize } from './pseudo';

export type { MessageKey, MessageParams };

const pseudo = Object.fromEntries(Object.entries(english).map(([k, v]) => [k, pseudoLocalize(v)])) as Record<
  MessageKey,
  string
>;
const tables: Record<Locale, Record<MessageKey, string>> = { en: english, cs: czech, pseudo };

/** The system language as the browser/Electron reports it, reduced to a locale we ship. */
export function systemLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'cs' || base === 'en') return base;
  }
  return 'en';
}

export function resolveLocale(preference: LocalePreference, languages?: readonly string[]): Locale {
  return preference === 'system' ? systemLocale(languages) : preference;
}

/** The BCP 47 tag for Intl and `<html lang>`; the pseudo-locale formats numbers and dates as English. */
export function intlTag(locale: Locale): string {
  return locale === 'pseudo' ? 'en' : locale;
}

class LocaleState {
  current = $state<Locale>('en');
}
const state = new LocaleState();
// Caches of Intl objects, not state: nothing renders from them directly.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const pluralRules = new Map<Locale, Intl.PluralRules>();
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const numberFormats = new Map<Locale, Intl.NumberFormat>();

export function setLocale(locale: Locale): void {
  state.current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'pseudo' ? 'en-XA' : locale;
}

export function currentLocale(): Locale {
  return state.current;
}

function plural(locale: Locale): (n: number) => string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlTag(locale))));
  return (n) => rules.select(n);
}

/** A number in the active locale's digits and separators (1 234 in Czech, 1,234 in English). */
export function formatNumber(n: number): string {
  const locale = state.current;
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlTag(locale))));
  return format.format(n);
}

/** A number with exactly `digits` decimals in the active locale (1.8 s in English, 1,8 s in Czech). */
export function formatFixed(n: number, digits: number): string {
  return new Intl.NumberFormat(intlTag(state.current), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/** Looks a key up in the active locale and fills `{name}` placeholders and plural blocks. */
export function t(key: MessageKey, params?: MessageParams): string {
  const locale = state.current;
  const text = tables[locale][key] ?? english[key] ?? key;
  if (!params && !text.includes('{')) return text;
  return formatMessage(text, params, plural(locale), formatNumber);
}

/** The English text of `key`, whatever the active locale (to compare with what core sent). */
export function english_(key: MessageKey, params?: MessageParams): string {
  return formatMessage(english[key], params, plural('en'), String);
}

/** True when the catalogue has `key` (for codes that come from core and may be new). */
export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(english, key);
}
