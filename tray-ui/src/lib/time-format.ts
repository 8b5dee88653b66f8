// Short human durations for a 380 px popover, in the active language: "45s", "12m", "3h 5m", "2d"
// (Czech "45 s", "12 min", "3 h 5 min", "2 d"). Clock times go through Intl for the locale.
import { currentLocale, intlTag, t } from './i18n';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('time.seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('time.minutes', { n: m });
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? t('time.hours', { n: h }) : t('time.hoursMinutes', { h, m: m % 60 });
  return t('time.days', { n: Math.floor(h / 24) });
}

/** "12m ago" / "před 12 min". */
export function formatAgo(ms: number): string {
  return t('time.ago', { duration: formatDuration(ms) });
}

/** Countdown with seconds, for the last hour: "4:07", "59:59"; longer falls back to formatDuration. */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return '0:00';
  const s = Math.ceil(ms / 1000);
  if (s >= 3600) return formatDuration(ms);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock time with seconds, 24-hour, in the locale's way of writing it. */
export function formatClock(unixMs: number): string {
  const tag = intlTag(currentLocale());
  let format = clockFormats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(tag, format);
  }
  return format.format(new Date(unixMs));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time (a consent, an audit entry) in the active language: 4. 12. 2026 18:58 in Czech. */
export function formatDateTime(unixMs: number): string {
  const tag = intlTag(currentLocale());
  let format = dateTimeFormats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' });
    dateTimeFormats.set(tag, format);
  }
  return format.format(new Date(unixMs));
}
