/** One area of the catalogue: English is the source; Czech has exactly the same keys. */
export interface AreaCatalog<K extends string = string> {
  en: Record<K, string>;
  cs: Record<K, string>;
}

/** A locale the UI can show. `pseudo` is for tests: every string visibly transformed. */
export type Locale = 'en' | 'cs' | 'pseudo';

/** What the operator picked in Settings: a locale, or follow the system language. */
export type LocalePreference = Locale | 'system';

/** Compile-time check that an area's Czech table has the same keys as its English one. */
export type SameKeys<T extends { en: object; cs: object }> = keyof T['en'] extends keyof T['cs']
  ? keyof T['cs'] extends keyof T['en']
    ? T
    : never
  : never;
