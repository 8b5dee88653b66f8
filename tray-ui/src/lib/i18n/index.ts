export {
  t,
  setLocale,
  currentLocale,
  resolveLocale,
  systemLocale,
  hasKey,
  formatNumber,
  formatFixed,
  intlTag,
} from './translate.svelte';
export type { MessageKey, MessageParams } from './translate.svelte';
export type { Locale, LocalePreference, AreaCatalog } from './catalog-types';
