// The inbox order: the riskiest first, then the one that times out soonest, then the oldest.
import type { ApprovalView, RiskLevel } from '../../../../main/contract/model';

const RISK_RANK: Record<RiskLevel, number> = { critical: 0, high: 1, medium: 2, low: 3, unspecified: 4 };

export function byRiskThenDeadline(a: ApprovalView, b: ApprovalView): number {
  return (
    RISK_RANK[a.riskLevel] - RISK_RANK[b.riskLevel] ||
    (a.expiresAtMs ?? Number.MAX_SAFE_INTEGER) - (b.expiresAtMs ?? Number.MAX_SAFE_INTEGER) ||
    a.requestedAtMs - b.requestedAtMs
  );
}

export function sortApprovals(approvals: readonly ApprovalView[]): ApprovalView[] {
  return [...approvals].sort(byRiskThenDeadline);
}
