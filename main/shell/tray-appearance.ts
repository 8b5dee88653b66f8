// What the tray shows for a snapshot: which icon, the tooltip and (macOS) the title next to the
// icon. Pure, so every state can be checked without a tray.
import type { CompanionSnapshot, OverallStatus } from '../contract/model';

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

const statusLabel: Record<OverallStatus, string> = {
  healthy: 'Healthy',
  starting: 'Starting',
  partial: 'Some services stopped',
  degraded: 'Degraded',
  down: 'Down',
  'crash-looping': 'Crash-looping',
  stopped: 'Stopped',
};

const connectionLabel = { connected: 'Connected', reconnecting: 'Reconnecting', offline: 'Offline' } as const;

export function trayAppearance(snapshot: TraySnapshotView): TrayAppearance {
  const pending = snapshot.approvals.length;
  const lines = [
    'Palyra Companion',
    `Status: ${statusLabel[snapshot.overall]}`,
    `Gateway: ${connectionLabel[snapshot.connection.state]}`,
  ];
  if (pending > 0) lines.push(`${pending} pending approval${pending === 1 ? '' : 's'}`);
  if (snapshot.drafts.length > 0) {
    lines.push(`${snapshot.drafts.length} queued draft${snapshot.drafts.length === 1 ? '' : 's'}`);
  }
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
