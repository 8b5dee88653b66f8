// Durations, ages and countdowns, short enough for a 380 px popover.
import type { AreaCatalog } from '../catalog-types';

export const time = {
  en: {
    'time.seconds': '{n}s',
    'time.minutes': '{n}m',
    'time.hours': '{n}h',
    'time.hoursMinutes': '{h}h {m}m',
    'time.days': '{n}d',
    'time.ago': '{duration} ago',
    'time.left': '{duration} left',
  },
  cs: {
    'time.seconds': '{n} s',
    'time.minutes': '{n} min',
    'time.hours': '{n} h',
    'time.hoursMinutes': '{h} h {m} min',
    'time.days': '{n} d',
    'time.ago': 'před {duration}',
    'time.left': 'zbývá {duration}',
  },
} satisfies AreaCatalog;
