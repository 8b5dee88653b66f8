import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotificationFeed } from '../../../main/core/notifications/notification-feed';
import { StateStore } from '../../../main/core/state/state-store';

describe('NotificationFeed', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'companion-feed-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the newest 40, persists them and marks read by ids or all', async () => {
    const state = await StateStore.open({ stateRoot: root });
    let id = 0;
    const feed = new NotificationFeed(
      state,
      () => 5,
      () => `n${++id}`,
    );
    for (let i = 0; i < 45; i += 1)
      await feed.add({ kind: 'crash', title: `t${i}`, detail: 'd', service: 'gateway' });
    expect(feed.list()).toHaveLength(40);
    expect(feed.list()[0]!.id).toBe('n6');
    expect(feed.list()[0]!.service).toBe('gateway');
    expect(await feed.markRead(['n6', 'n7', 'missing'])).toBe(2);
    expect(feed.unreadCount()).toBe(38);
    expect(await feed.markRead()).toBe(38);
    expect(await feed.markRead()).toBe(0);

    const reopened = new NotificationFeed(await StateStore.open({ stateRoot: root }));
    expect(reopened.list()).toHaveLength(40);
    expect(reopened.unreadCount()).toBe(0);
  });
});
