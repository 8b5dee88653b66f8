// The in-app notification list. What core's notifications themselves say lives in the contract
// (`notification-texts.ts`), because core's native toasts need the same words; it joins here.
import { notificationTexts } from '../../../../../main/contract/notification-texts';
import type { AreaCatalog } from '../catalog-types';

export const notifications = {
  en: {
    ...notificationTexts.en,
    'notifications.heading': 'Notifications',
    'notifications.unread': '{count} unread',
    'notifications.markAllRead': 'Mark all read',
    'notifications.nothing': 'Nothing new.',
    'notifications.list': 'Notification list',
    'notifications.waiting': 'Waiting',
    'notifications.resolved': 'Resolved',
    'notifications.open': 'Open',
    'notifications.openLabel': 'Open “{title}”',
    'notifications.approve': 'Approve',
    'notifications.approveLabel': 'Approve “{title}” once',
    'notifications.deny': 'Deny',
    'notifications.denyLabel': 'Deny “{title}”',
    'notifications.markRead': 'Mark read',
    'notifications.markReadLabel': 'Mark “{title}” read',
  },
  cs: {
    ...notificationTexts.cs,
    'notifications.heading': 'Oznámení',
    'notifications.unread': 'nepřečtená: {count}',
    'notifications.markAllRead': 'Označit vše jako přečtené',
    'notifications.nothing': 'Nic nového.',
    'notifications.list': 'Seznam oznámení',
    'notifications.waiting': 'Čeká',
    'notifications.resolved': 'Vyřízeno',
    'notifications.open': 'Otevřít',
    'notifications.openLabel': 'Otevřít „{title}“',
    'notifications.approve': 'Schválit',
    'notifications.approveLabel': 'Schválit „{title}“ jednou',
    'notifications.deny': 'Zamítnout',
    'notifications.denyLabel': 'Zamítnout „{title}“',
    'notifications.markRead': 'Přečteno',
    'notifications.markReadLabel': 'Označit „{title}“ jako přečtené',
  },
} satisfies AreaCatalog;
