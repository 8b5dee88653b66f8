// Keeps the UI's locale in step with the operator's language preference. `system` follows the
// browser's (Electron's) languages and their `languagechange` event. A `?lang=en|cs|pseudo` in the
// page URL overrides both for that page: the pseudo-locale is for tests, not a setting operators see.
import type { Locale, LocalePreference } from './catalog-types';
import { resolveLocale, setLocale } from './translate.svelte';

const LOCALES: readonly Locale[] = ['en', 'cs', 'pseudo'];

/** The `lang` query parameter, if it names a locale we ship. */
export function urlLocale(search: string = globalThis.location?.search ?? ''): Locale | null {
  const value = new URLSearchParams(search).get('lang');
  return value && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : null;
}

export class LanguageSync {
  private readonly override = urlLocale();
  private preference: LocalePreference = 'system';

  constructor() {
    // The system language can change while the app runs; only `system` follows it.
    globalThis.addEventListener?.('languagechange', () => this.apply(this.preference));
  }

  apply(preference: LocalePreference): void {
    this.preference = preference;
    setLocale(this.override ?? resolveLocale(preference));
  }
}
