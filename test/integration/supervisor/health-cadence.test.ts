// The supervisor probes a coming-up sidecar fast and a healthy one seldom; crashes are noticed by
// the exit event, not by probes; a suspicion probes at once.
import { afterEach, describe, expect, it } from 'vitest';
import { TestBed, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
afterEach(async () => {
  await bed.cleanup();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Supervisor health cadence', () => {
  it('is healthy within ~100 ms of answering, then does not probe again for the stable interval', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, ['--ready-delay', '400'])], {
      healthIntervalMs: 50,
    });
    await sup.start('gw');
    const healthy = await waitFor(() => sup.snapshot().find((s) => s.health === 'healthy'), 'healthy');
    bed.track(healthy.pid);
    const probesAtHealthy = healthy.healthHistory.length;
    // 50 ms probing while not ready: several failed probes were recorded before the first ok.
    expect(healthy.healthHistory.filter((p) => !p.ok).length).toBeGreaterThanOrEqual(2);
    await sleep(1_000);
    // With a 1 s grid (the old cadence) this would have grown by about one per second.
    expect(sup.snapshot()[0]!.healthHistory.length).toBe(probesAtHealthy);
    sup.suspect('gw');
    await waitFor(
      () => (sup.snapshot()[0]!.healthHistory.length > probesAtHealthy ? true : null),
      'a probe right after the suspicion',
      2_000,
    );
  });

  it('a crash is noticed by the exit event although no probe is due', async () => {
    bed = new TestBed();
    const port = await freePort();
    const sup = bed.supervisor([sidecarSpec('gw', port, [])]);
    await sup.start('gw');
    const first = await waitFor(() => sup.snapshot().find((s) => s.health === 'healthy'), 'healthy');
    bed.track(first.pid);
    const killedAt = Date.now();
    process.kill(first.pid!, 'SIGKILL');
    await waitFor(() => sup.snapshot().find((s) => s.state === 'backoff'), 'backoff', 5_000, {
      intervalMs: 5,
    });
    // Far below the 30 s stable probe interval.
    expect(Date.now() - killedAt).toBeLessThan(2_000);
  });
});
