// The live log view: filters, copy, follow.
import type { AreaCatalog } from '../catalog-types';

export const logs = {
  en: {
    'logs.service': 'Service',
    'logs.filterService': 'Filter by service',
    'logs.allServices': 'All services',
    'logs.stream': 'Stream',
    'logs.filterStream': 'Filter by stream',
    'logs.allStreams': 'All streams',
    'logs.copy': 'Copy',
    'logs.copied': '{count, plural, one {Copied # line.} other {Copied # lines.}}',
    'logs.copyFailed': 'Could not copy: {error}. Select the text instead.',
    'logs.list': 'Service logs',
    'logs.noneMatch': 'No log lines match the filter.',
    'logs.noneYet': 'No log lines yet.',
    'logs.jump': 'Paused — jump to latest',
  },
  cs: {
    'logs.service': 'Služba',
    'logs.filterService': 'Filtrovat podle služby',
    'logs.allServices': 'Všechny služby',
    'logs.stream': 'Proud',
    'logs.filterStream': 'Filtrovat podle proudu',
    'logs.allStreams': 'Všechny proudy',
    'logs.copy': 'Kopírovat',
    'logs.copied':
      '{count, plural, one {Zkopírován # řádek.} few {Zkopírovány # řádky.} other {Zkopírováno # řádků.}}',
    'logs.copyFailed': 'Kopírování selhalo: {error}. Označte text ručně.',
    'logs.list': 'Logy služeb',
    'logs.noneMatch': 'Filtru neodpovídá žádný řádek logu.',
    'logs.noneYet': 'Zatím žádné řádky logu.',
    'logs.jump': 'Pozastaveno — přejít na nejnovější',
  },
} satisfies AreaCatalog;
