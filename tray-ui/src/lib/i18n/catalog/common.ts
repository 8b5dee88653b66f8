// Strings shared by several views. One file per area keeps merges small; every area has the
// same shape: English is the source, Czech must have exactly the same keys (the type checks it).
import type { AreaCatalog } from '../catalog-types';

export const common = {
  en: {
    'common.retry': 'Retry',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.skip': 'Skip',
    'common.save': 'Save',
    'common.error': 'Error',
  },
  cs: {
    'common.retry': 'Zkusit znovu',
    'common.cancel': 'Zrušit',
    'common.close': 'Zavřít',
    'common.skip': 'Přeskočit',
    'common.save': 'Uložit',
    'common.error': 'Chyba',
  },
} satisfies AreaCatalog;
