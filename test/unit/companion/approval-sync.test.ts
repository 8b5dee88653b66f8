// Approval reads back off while nothing changes and speed up again after a change or a decision.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalInbox } from '../../../main/core/approvals/approval-inbox';
import { ApprovalSync } from '../../../main/core/companion/approval-sync';
import type { ApprovalListQuery, GatewayClient } from '../../../main/core/gateway';
import type { ApprovalRecord } from '../../../main/core/gateway/schemas';
import { journal, record } from '../../support/approval-journal';

afterEach(() => {
  vi.useRealTimers();
});

describe('ApprovalSync cadence', () => {
  it('doubles the wait per read that brings nothing (2 s → 10 s cap) and resets on change and refreshNow', async () => {
    vi.useFakeTimers();
    const records: ApprovalRecord[] = [];
    const reads: number[] = [];
    const gateway = journal(records);
    const client = {
      listRawApprovalPage: (query: ApprovalListQuery) => {
        reads.push(Date.now()); // one page per read: the journal here never holds more than one
        return gateway.listRawApprovalPage(query);
      },
    } as unknown as GatewayClient;
    const sync = new ApprovalSync({
      client,
      inbox: new ApprovalInbox(),
      isConnected: () => true,
      intervalMs: 2_000,
      maxIntervalMs: 10_000,
      onError: (err) => {
        throw err;
      },
    });
    sync.start();
    await vi.advanceTimersByTimeAsync(60_000);
    const gaps = reads.slice(1).map((t, i) => t - reads[i]!);
    // Reads at 0, 4, 12, 22, 32 … s: about 7 a minute instead of 30 on a fixed 2 s grid.
    expect(gaps.slice(0, 4)).toEqual([4_000, 8_000, 10_000, 10_000]);
    expect(reads.length).toBeLessThanOrEqual(9);
    records.push(record(1, Date.now()));
    const before = reads.length;
    await vi.advanceTimersByTimeAsync(10_000);
    const after = reads.slice(before);
    // The read that sees the new approval is followed by one 2 s later, then the back-off again.
    expect(after.slice(1).map((t, i) => t - after[i]!)).toEqual([2_000, 4_000]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sync.currentDelayMs).toBe(10_000);
    await sync.refreshNow();
    expect(sync.currentDelayMs).toBe(4_000); // reset to 2 s, and this read brought nothing new
    sync.stop();
  });

  it('re-reads every pending approval on a reconnect, and stops holding one decided here', async () => {
    const now = Date.now();
    const records = [record(1, now), record(2, now)];
    const gateway = journal(records);
    const client = gateway as unknown as GatewayClient;
    const inbox = new ApprovalInbox();
    const sync = new ApprovalSync({
      client,
      inbox,
      isConnected: () => true,
      intervalMs: 2_000,
      onError: (err) => {
        throw err;
      },
    });
    await sync.refreshNow();
    expect(inbox.size).toBe(2);
    // A read that brings nothing new hands the inbox nothing to walk through.
    const refresh = vi.spyOn(inbox, 'refresh');
    await sync.refreshNow();
    expect(refresh).not.toHaveBeenCalled();
    refresh.mockRestore();
    // Decided in the dashboard: an ordinary read right after does not re-read the pending ones …
    (records[0] as { decision?: string }).decision = 'allow';
    await sync.refreshNow();
    expect(gateway.queries.at(-1)!.sinceUnixMs).toBeUndefined();
    expect(inbox.size).toBe(2);
    // … a reconnect does.
    await sync.refreshNow({ full: true });
    expect(gateway.queries.at(-1)!.sinceUnixMs).toBeDefined();
    expect(inbox.pending().map((a) => a.title)).toEqual(['t2']);
    // Decided here: gone from the inbox, and the feed no longer holds it either.
    await inbox.decide(records[1]!.approval_id, { approved: true, scope: 'once' }, async () => {
      (records[1] as { decision?: string }).decision = 'allow';
    });
    await sync.refreshNow();
    expect(inbox.size).toBe(0);
    await sync.refreshNow();
    // Nothing held as pending: the read asks only after the newest id, never the since-window.
    expect(gateway.queries.at(-1)).toEqual({ afterApprovalId: records[1]!.approval_id });
    sync.stop();
  });
});
