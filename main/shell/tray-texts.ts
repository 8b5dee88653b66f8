// What the Electron tray says (its right-click menu and its tooltip) in every language the UI
// ships. The tray is drawn by the main process, outside the UI's catalogue, so its few words live
// here, in the same template format as the notification texts (main/contract/notification-texts.ts)
// and in the same language as core's toasts (core-language.ts). Wording mirrors the UI's catalogue
// (e.g. "Restartovat vše" is the Health view's button).
import { formatIn, type CoreLanguage } from '../contract/core-language';
import type { MessageParams } from '../contract/message-format';

const en = {
  'tray.menu.open': 'Open',
  'tray.menu.review': '{count, plural, one {Review # approval} other {Review # approvals}}',
  'tray.menu.restartAll': 'Restart all',
  'tray.menu.dashboard': 'Open dashboard',
  'tray.menu.quit': 'Quit',
  'tray.tooltip.app': 'Palyra Companion',
  'tray.tooltip.status': 'Status: {status}',
  'tray.tooltip.gateway': 'Gateway: {state}',
  'tray.tooltip.pending': '{count, plural, one {# pending approval} other {# pending approvals}}',
  'tray.tooltip.drafts': '{count, plural, one {# queued draft} other {# queued drafts}}',
  'tray.status.healthy': 'Healthy',
  'tray.status.starting': 'Starting',
  'tray.status.partial': 'Some services stopped',
  'tray.status.degraded': 'Degraded',
  'tray.status.down': 'Down',
  'tray.status.crash-looping': 'Crash-looping',
  'tray.status.stopped': 'Stopped',
  'tray.link.connected': 'Connected',
  'tray.link.reconnecting': 'Reconnecting',
  'tray.link.offline': 'Offline',
};

export type TrayTextKey = keyof typeof en;

// Typed against the English keys: a missing or an extra Czech key fails to compile.
const cs: Record<TrayTextKey, string> = {
  'tray.menu.open': 'Otevřít',
  'tray.menu.review':
    '{count, plural, one {Zkontrolovat # požadavek na schválení} few {Zkontrolovat # požadavky na schválení} other {Zkontrolovat # požadavků na schválení}}',
  'tray.menu.restartAll': 'Restartovat vše',
  'tray.menu.dashboard': 'Otevřít dashboard',
  'tray.menu.quit': 'Ukončit',
  'tray.tooltip.app': 'Palyra Companion',
  'tray.tooltip.status': 'Stav: {status}',
  'tray.tooltip.gateway': 'Brána (palyrad): {state}',
  'tray.tooltip.pending':
    '{count, plural, one {Na schválení čeká # požadavek} few {Na schválení čekají # požadavky} other {Na schválení čeká # požadavků}}',
  'tray.tooltip.drafts':
    '{count, plural, one {# koncept čeká na odeslání} few {# koncepty čekají na odeslání} other {# konceptů čeká na odeslání}}',
  'tray.status.healthy': 'V pořádku',
  'tray.status.starting': 'Spouští se',
  'tray.status.partial': 'Některé služby stojí',
  'tray.status.degraded': 'Omezený provoz',
  'tray.status.down': 'Mimo provoz',
  'tray.status.crash-looping': 'Opakovaně padá',
  'tray.status.stopped': 'Zastaveno',
  'tray.link.connected': 'Připojeno',
  'tray.link.reconnecting': 'Znovu se připojuje',
  'tray.link.offline': 'Offline',
};

export const trayTexts: Readonly<Record<CoreLanguage, Readonly<Record<TrayTextKey, string>>>> = { en, cs };

/** A tray text in `language`. */
export function trayText(language: CoreLanguage, key: TrayTextKey, params?: MessageParams): string {
  return formatIn(language, trayTexts[language][key], params);
}
