// What the tray shows for a snapshot: which icon, the tooltip and (macOS) the title next to the
// icon, in the operator's language. Pure, so every state can be checked without a tray.
import type { CoreLanguage } from '../contract/core-language';
import type { MessageParams } from '../contract/message-format';
import type { CompanionSnapshot, OverallStatus } from '../contract/model';
import { trayText, type TrayTextKey } from './tray-texts';

export type TrayIconState = 'healthy' | 'degraded' | 'down' | 'crash' | 'stopped' | 'approvals';

export const trayIconStates: readonly TrayIconState[] = [
  'healthy',
  'degraded',
  'down',
  'crash',
  'stopped',
  'approvals',
];

export interface TrayAppearance {
  icon: TrayIconState;
  tooltip: string;
  /** Shown beside the icon on macOS: the pending-approval count, or empty. */
  title: string;
  pendingApprovals: number;
}

export type TraySnapshotView = Pick<CompanionSnapshot, 'overall' | 'approvals' | 'connection' | 'drafts'>;

/**
 * The tray's look for a snapshot, its words in `language` (the operator's preference resolved the
 * way core resolves it for toasts; see TrayController).
 */
export function trayAppearance(snapshot: TraySnapshotView, language: CoreLanguage): TrayAppearance {
  const pending = snapshot.approvals.length;
  const say = (key: TrayTextKey, params?: MessageParams): string => trayText(language, key, params);
  const lines = [
    say('tray.tooltip.app'),
    say('tray.tooltip.status', { status: say(`tray.status.${snapshot.overall}`) }),
    say('tray.tooltip.gateway', { state: say(`tray.link.${snapshot.connection.state}`) }),
  ];
  if (pending > 0) lines.push(say('tray.tooltip.pending', { count: pending }));
  if (snapshot.drafts.length > 0) lines.push(say('tray.tooltip.drafts', { count: snapshot.drafts.length }));
  return {
    icon: iconFor(snapshot.overall, pending),
    tooltip: lines.join('\n'),
    title: pending > 0 ? String(pending) : '',
    pendingApprovals: pending,
  };
}

function iconFor(overall: OverallStatus, pending: number): TrayIconState {
  // A crash loop needs the operator more than an approval does; otherwise approvals win.
  if (overall === 'crash-looping') return 'crash';
  if (pending > 0) return 'approvals';
  switch (overall) {
    case 'healthy':
      return 'healthy';
    case 'starting':
    case 'partial':
    case 'degraded':
      return 'degraded';
    case 'down':
      return 'down';
    case 'stopped':
      return 'stopped';
  }
}
