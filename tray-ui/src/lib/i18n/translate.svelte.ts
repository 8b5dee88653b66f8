// The UI's one way to show words: `t('area.key', { name })`. The active locale is reactive, so
// switching language in Settings re-renders every string without a reload.
import type { Locale, LocalePreference } from './catalog-types';
import { czech, english, type MessageKey } from './catalog';
import { pseudoLocalize } from './pseudo';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

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

class LocaleState {
  current = $state<Locale>('en');
}
const state = new LocaleState();

export function setLocale(locale: Locale): void {
  state.current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'pseudo' ? 'en-XA' : locale;
}

export function currentLocale(): Locale {
  return state.current;
}

/** Looks a key up in the active locale and fills `{name}` placeholders. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = tables[state.current][key] ?? english[key] ?? key;
  if (!params) return text;
  return text.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
