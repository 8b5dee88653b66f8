import { describe, expect, it } from 'vitest';
import { ApprovalFeed, FULL_READ_PERIOD_MS } from '../../../main/core/gateway';
import { journal, record } from '../../support/approval-journal';

describe('ApprovalFeed', () => {
  it('finds a new approval behind 2,100 decided ones and follows it until it is decided', async () => {
    let now = 1_800_000_000_000;
    const records = Array.from({ length: 2_100 }, (_, i) => record(i, now - 1000, 'deny'));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    expect(await feed.read()).toEqual([]);
    records.push(record(5_000, now + 10));
    expect((await feed.read()).map((a) => a.approvalId)).toEqual([records.at(-1)!.approval_id]);
    // Within the full-read period a read asks only for what came after the newest id seen.
    expect(await feed.read()).toHaveLength(1);
    expect(gateway.queries.at(-1)).toEqual({ afterApprovalId: records.at(-1)!.approval_id });
    // Then the pending one is read again, from its request time, not from the beginning.
    now += FULL_READ_PERIOD_MS;
    expect(await feed.read()).toHaveLength(1);
    const since = gateway.queries.at(-1)!.sinceUnixMs!;
    expect(since).toBeGreaterThan(now - FULL_READ_PERIOD_MS - 10_000);
    (records.at(-1) as { decision?: string }).decision = 'allow';
    // Decided elsewhere: noticed by the next full read, at most one period later.
    now += FULL_READ_PERIOD_MS;
    expect(await feed.read()).toEqual([]);
    // Nothing pending: only what comes after the newest seen id is read.
    await feed.read();
    expect(gateway.queries.at(-1)!.afterApprovalId).toBe(records.at(-1)!.approval_id);
  });

  it('between full reads sees new approvals at once and decisions made elsewhere within the period', async () => {
    let now = 1_800_000_000_000;
    const records = Array.from({ length: 3 }, (_, i) => record(i, now));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    expect(await feed.read()).toHaveLength(3);
    now += 10_000;
    records.push(record(3, now));
    (records[0] as { decision?: string }).decision = 'deny';
    // The new one is there; the decision elsewhere is not seen yet (the read was incremental) …
    expect((await feed.read()).map((a) => a.title)).toEqual(['t0', 't1', 't2', 't3']);
    now += 10_000;
    expect(await feed.read()).toHaveLength(4);
    // … until the full read, FULL_READ_PERIOD_MS after the last one.
    now += FULL_READ_PERIOD_MS - 20_000;
    expect((await feed.read()).map((a) => a.title)).toEqual(['t1', 't2', 't3']);
    expect(gateway.queries.at(-1)!.sinceUnixMs).toBeDefined();
  });

  it('reads everything again when asked (reconnect), and forgets one decided here at once', async () => {
    const now = 1_800_000_000_000;
    const records = Array.from({ length: 3 }, (_, i) => record(i, now));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    await feed.read();
    (records[1] as { decision?: string }).decision = 'allow';
    expect(await feed.read()).toHaveLength(3);
    expect((await feed.read({ full: true })).map((a) => a.title)).toEqual(['t0', 't2']);
    feed.forget(records[2]!.approval_id);
    expect((await feed.read()).map((a) => a.title)).toEqual(['t0']);
  });

  it('turns an unchanged record into a view once; a changed one is read again', async () => {
    let now = 1_800_000_000_000;
    const records = Array.from({ length: 2 }, (_, i) => record(i, now));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    const first = await feed.read();
    now += FULL_READ_PERIOD_MS;
    const second = await feed.read();
    expect(gateway.queries.at(-1)!.sinceUnixMs).toBeDefined();
    // Same list, same view objects: nothing was parsed or rebuilt.
    expect(second).toBe(first);
    expect(second[0]).toBe(first[0]);
    records[1] = {
      ...records[1]!,
      updated_at_unix_ms: now,
      prompt: { ...records[1]!.prompt, title: 'renamed' },
    };
    now += FULL_READ_PERIOD_MS;
    const third = await feed.read();
    expect(third[0]).toBe(first[0]);
    expect(third[1]).not.toBe(first[1]);
    expect(third[1]!.title).toBe('renamed');
  });

  it('finds one the gateway committed late below the cursor at the next full read', async () => {
    let now = 1_800_000_000_000;
    const records = [record(1, now), record(3, now)];
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    expect(await feed.read()).toHaveLength(2);
    // Same millisecond, smaller ULID, visible only after the read above.
    records.push(record(2, now));
    now += 1_000;
    expect(await feed.read()).toHaveLength(2);
    now += FULL_READ_PERIOD_MS;
    expect((await feed.read()).map((a) => a.title)).toEqual(['t1', 't2', 't3']);
  });

  it('has no cap: 25,000 pending all arrive, a read past the page limit continues on the next', async () => {
    let now = 1_800_000_000_000;
    const records = Array.from({ length: 25_000 }, (_, i) => record(i, now));
    const gateway = journal(records);
    const feed = new ApprovalFeed(gateway, () => now);
    const readAll = async (): Promise<number[]> => {
      const sizes = [(await feed.read()).length];
      while (gateway.queries.at(-1)!.afterApprovalId !== records.at(-1)!.approval_id || sizes.length < 2) {
        sizes.push((await feed.read()).length);
      }
      return sizes;
    };
    const first = await readAll();
    // One poll reads a bounded number of pages; the next one continues where it stopped.
    expect(first[0]).toBeLessThan(25_000);
    expect(first.at(-1)).toBe(25_000);
    // A full read that takes several polls still sees what was decided elsewhere.
    for (const r of records.slice(0, 10)) (r as { decision?: string }).decision = 'deny';
    now += FULL_READ_PERIOD_MS;
    expect((await readAll()).at(-1)).toBe(24_990);
  });

  it('checks every new or changed record and refuses a malformed one', async () => {
    const now = 1_800_000_000_000;
    const bad = { ...record(1, now), subject_type: 42 };
    const feed = new ApprovalFeed(journal([record(0, now), bad as never]), () => now);
    await expect(feed.read()).rejects.toMatchObject({
      code: 'gateway_bad_reply',
      message: expect.stringContaining('approvals.1.subject_type') as unknown,
    });
  });
});
