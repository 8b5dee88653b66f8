// `palyra node run --json` exits at once when the node host is not paired; the simulator does the
// same. The companion does not start an unpaired node host at all (Enroll pairs it); one that exits
// unpaired anyway is parked, not restarted (node-host-lifecycle.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoCore, type DemoCore } from '../../support/demo-core';

describe('unpaired node host', () => {
  let demo: DemoCore | null = null;
  afterEach(async () => {
    await demo?.stop();
    demo = null;
  });

  it('is not started while unpaired: Start says to Enroll, and nothing runs or restarts', async () => {
    demo = await startDemoCore({ simulatorOnly: true, tmpPrefix: 'companion-nodehost-' });
    await expect(demo.core.handlers['service.start']({ service: 'nodehost' })).rejects.toMatchObject({
      code: 'node_not_paired',
      hint: expect.stringMatching(/Enroll/) as unknown as string,
    });
    // No start, so no exit and no restart after the backoff would have elapsed.
    await new Promise((r) => setTimeout(r, 1_500));
    const node = demo.core.snapshot().services.find((s) => s.name === 'nodehost');
    expect(node?.pid ?? null).toBeNull();
    expect(node?.state).not.toBe('running');
  });
});
