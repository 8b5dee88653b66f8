import { describe, expect, it } from 'vitest';
import { ApprovalFeed } from '../../../main/core/gateway';
import { journal, record } from '../../support/approval-journal';

describe('ApprovalFeed', () => {
  it('finds a new approval behind 2,100 decided ones and follows it until it is decided', async () => {
    const now = 1_800_000_000_000;
    const records = Array.from({ length: 2_100 }, (_, i) => record(i, now - 1000, 'deny'));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    expect(await feed.read()).toEqual([]);
    records.push(record(5_000, now + 10));
    expect((await feed.read()).map((a) => a.approvalId)).toEqual([records.at(-1)!.approval_id]);
    // With one pending, the next read starts at its request time, not at the beginning.
    expect(await feed.read()).toHaveLength(1);
    const since = gateway.queries.at(-1)!.sinceUnixMs!;
    expect(since).toBeGreaterThan(now - 10_000);
    (records.at(-1) as { decision?: string }).decision = 'allow';
    expect(await feed.read()).toEqual([]);
    // Nothing pending: only what comes after the newest seen id is read.
    await feed.read();
    expect(gateway.queries.at(-1)!.afterApprovalId).toBe(records.at(-1)!.approval_id);
  });
});
