// The language of the texts the main process says itself: core's native toasts and the Electron
// tray's menu and tooltip. Both follow the operator's preference (Settings → Language, kept in core
// state) the same way, so a toast and the tray never disagree about the language.
import type { LanguagePreference } from './model';
import { formatMessage, type MessageParams } from './message-format';

/** The languages the main process ships (the UI's pseudo-locale is a page-only test aid). */
export type CoreLanguage = 'en' | 'cs';

/** The language main-process texts use when the preference is `system`: the OS locale's. */
export function systemLanguage(env: Record<string, string | undefined> = {}): CoreLanguage {
  const tag =
    env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  return tag.toLowerCase().startsWith('cs') ? 'cs' : 'en';
}

export function resolveCoreLanguage(preference: LanguagePreference, system: CoreLanguage): CoreLanguage {
  return preference === 'system' ? system : preference;
}

/** Fills a catalogue template in `language` (plural rules of that language; numbers as digits). */
export function formatIn(language: CoreLanguage, template: string, params?: MessageParams): string {
  const rules = new Intl.PluralRules(language);
  return formatMessage(template, params, (n) => rules.select(n), String);
}
