// `palyra node run --json` exits at once when the node host is not paired; the simulator does the
// same, and the companion parks the service with a pairing hint instead of restarting it in a loop.
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { waitFor } from '../../support/wait-for';

describe('unpaired node host', () => {
  let demo: DemoCore | null = null;
  afterEach(async () => {
    await demo?.stop();
    demo = null;
  });

  it('is parked as not paired after its first exit, not restarted', async () => {
    demo = await startDemoCore({ simulatorOnly: true, tmpPrefix: 'companion-nodehost-' });
    await demo.core.handlers['service.start']({ service: 'nodehost' });
    const parked = await waitFor(
      () => {
        const node = demo!.core.snapshot().services.find((s) => s.name === 'nodehost');
        return node?.state === 'failed' ? node : null;
      },
      'the node host parked',
      30_000,
    );
    expect(parked.error).toMatchObject({ code: 'nodehost_not_paired' });
    expect(parked.error?.hint).toMatch(/palyra node install/);
    // Parked means parked: no restart after the backoff would have elapsed.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(demo.core.snapshot().services.find((s) => s.name === 'nodehost')?.state).toBe('failed');
  });
});
