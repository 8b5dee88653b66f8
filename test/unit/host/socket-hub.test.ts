// With no browser connected the hub does no work per event: nothing is serialised at all.
import { describe, expect, it } from 'vitest';
import { SocketHub } from '../../../main/host/socket-hub';
import { FakeCore } from '../../fixtures/fake-core';

describe('SocketHub', () => {
  it('serialises nothing when no client is connected', () => {
    const logged: string[] = [];
    const hub = new SocketHub(
      new FakeCore(),
      { maxBufferedBytes: 1 << 20, maxInFlightCalls: 4 },
      (_level, message) => logged.push(message),
    );
    let serialised = 0;
    const batch = {
      toJSON: () => {
        serialised += 1;
        return [];
      },
    };
    for (let i = 0; i < 1_000; i += 1) hub.broadcast('log.lines', batch);
    expect(serialised).toBe(0);
    expect(logged).toEqual([]);
    hub.closeAll('test over');
  });
});
