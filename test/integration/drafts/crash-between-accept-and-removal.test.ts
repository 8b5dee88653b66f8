import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftQueue } from '../../../main/core/drafts/draft-queue';
import { StateStore } from '../../../main/core/state/state-store';

const crasher = join(__dirname, '..', '..', '..', 'build', 'test', 'fixtures', 'state', 'draft-crasher.js');

describe('DraftQueue exactly-once across a crash', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('does not resend a draft the gateway accepted just before the companion was killed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'companion-drafts-crash-'));
    const gatewayLog = join(dir, 'gateway.log');
    const signal = await new Promise<string | null>((resolve) => {
      execFile(process.execPath, [crasher, dir!, gatewayLog], { timeout: 30_000 }, (err) =>
        resolve((err as { signal?: string } | null)?.signal ?? null),
      );
    });
    expect(signal).toBe('SIGKILL');
    expect(readFileSync(gatewayLog, 'utf8')).toBe('first message\n');

    // Next start: the first draft is still queued, marked as sending.
    const state = await StateStore.open({ stateRoot: dir });
    expect(state.state.drafts.map((d) => d.text)).toEqual(['first message', 'second message']);
    expect(state.state.drafts[0]!.sendingSinceMs).not.toBeNull();

    const checked: string[] = [];
    const queue = new DraftQueue({
      state,
      send: async (draft) => {
        appendFileSync(gatewayLog, `${draft.text}\n`);
        return { runId: `run-${draft.draftId}`, sessionId: draft.sessionId };
      },
      wasDelivered: async (draft) => {
        checked.push(draft.text);
        return readFileSync(gatewayLog, 'utf8').split('\n').includes(draft.text);
      },
    });
    expect(await queue.flush()).toEqual({ delivered: 2, remaining: 0 });
    expect(checked).toEqual(['first message']);
    expect(readFileSync(gatewayLog, 'utf8')).toBe('first message\nsecond message\n');

    const reopened = await StateStore.open({ stateRoot: dir });
    expect(reopened.state.drafts).toEqual([]);
  });
});
