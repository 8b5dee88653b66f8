// What core's notifications say, in every language the UI ships: the in-app list (through the UI's
// catalogue, area `notifications`) and the native toasts core raises (in the operator's language)
// read the same table. Core keeps the English text on each notification for logs and old clients.
import { formatIn, resolveCoreLanguage, type CoreLanguage } from './core-language';
import type { MessageParams } from './message-format';
import type { LanguagePreference } from './model';

export const notificationTexts = {
  en: {
    'notifications.text.crash.title': '{name} crashed',
    'notifications.text.crash.body': '{detail} The companion is restarting it.',
    'notifications.text.crash.exitCode': '{name} exited with code {code}',
    'notifications.text.crash.signal': '{name} was killed by {signal}',
    'notifications.text.crashLoop.title': '{name} is crash-looping',
    'notifications.text.crashLoop.toastTitle': '{name} keeps crashing',
    'notifications.text.crashLoop.detail':
      '{name} failed repeatedly and will not be restarted until you press Retry.',
    'notifications.text.crashLoop.body': '{detail} Automatic restarts stopped; open the companion to retry.',
    'notifications.text.online.title': 'Gateway back online',
    'notifications.text.online.detail': 'Connection moved from {previous} to connected.',
    'notifications.text.online.toastTitle': 'Palyra gateway is back online',
    'notifications.text.online.body': 'Queued messages are being delivered.',
    'notifications.text.approval.title': '{title}',
    'notifications.text.approval.toastTitle': 'Approval needed: {title}',
    'notifications.text.approval.detail': '{detail}',
    'notifications.text.approvalGroup.title':
      '{count, plural, one {# approval waiting} other {# approvals waiting}}',
    'notifications.text.approvalGroup.more': 'and {count} more',
    'notifications.text.approval.decideWithin': 'decide within {minutes} min',
    'notifications.text.risk.low': 'low risk',
    'notifications.text.risk.medium': 'medium risk',
    'notifications.text.risk.high': 'high risk',
    'notifications.text.risk.critical': 'critical risk',
    'notifications.text.risk.unspecified': 'risk not stated',
    'notifications.action.review': 'Review',
    'notifications.action.showHealth': 'Show health',
    'notifications.action.openChat': 'Open chat',
    'notifications.action.approveOnce': 'Approve once',
    'notifications.action.deny': 'Deny',
  },
  cs: {
    'notifications.text.crash.title': '{name} spadl',
    'notifications.text.crash.body': '{detail} Companion ho spouští znovu.',
    'notifications.text.crash.exitCode': '{name} skončil s kódem {code}',
    'notifications.text.crash.signal': '{name} byl ukončen signálem {signal}',
    'notifications.text.crashLoop.title': '{name} opakovaně padá',
    'notifications.text.crashLoop.toastTitle': '{name} stále padá',
    'notifications.text.crashLoop.detail':
      '{name} opakovaně selhal a znovu se nespustí, dokud nekliknete na Zkusit znovu.',
    'notifications.text.crashLoop.body':
      '{detail} Automatické restarty jsou zastavené; otevřete companion a zkuste to znovu.',
    'notifications.text.online.title': 'Brána (palyrad) je znovu online',
    'notifications.text.online.detail': 'Spojení přešlo ze stavu {previous} do stavu připojeno.',
    'notifications.text.online.toastTitle': 'Brána Palyry (palyrad) je znovu online',
    'notifications.text.online.body': 'Zprávy z fronty se doručují.',
    'notifications.text.approval.title': '{title}',
    'notifications.text.approval.toastTitle': 'Čeká na schválení: {title}',
    'notifications.text.approval.detail': '{detail}',
    'notifications.text.approvalGroup.title':
      '{count, plural, one {Na schválení čeká # požadavek} few {Na schválení čekají # požadavky} other {Na schválení čeká # požadavků}}',
    'notifications.text.approvalGroup.more': 'a {count} dalších',
    'notifications.text.approval.decideWithin': 'rozhodněte do {minutes} min',
    'notifications.text.risk.low': 'nízké riziko',
    'notifications.text.risk.medium': 'střední riziko',
    'notifications.text.risk.high': 'vysoké riziko',
    'notifications.text.risk.critical': 'kritické riziko',
    'notifications.text.risk.unspecified': 'riziko neuvedeno',
    'notifications.action.review': 'Zkontrolovat',
    'notifications.action.showHealth': 'Zobrazit stav',
    'notifications.action.openChat': 'Otevřít chat',
    'notifications.action.approveOnce': 'Schválit jednou',
    'notifications.action.deny': 'Zamítnout',
  },
} as const;

export type NotificationTextKey = keyof (typeof notificationTexts)['en'];

/** A notification text in `language` (core side: native toasts). */
export function notificationText(
  language: LanguagePreference,
  key: NotificationTextKey,
  params?: MessageParams,
  system: CoreLanguage = 'en',
): string {
  const lang = resolveCoreLanguage(language, system);
  return formatIn(lang, notificationTexts[lang][key], params);
}
