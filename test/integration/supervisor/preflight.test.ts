import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as NetServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import { TestBed, sidecarSpec } from './harness';
import { freePort } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

let bed: TestBed;
const closers: (() => void)[] = [];
afterEach(async () => {
  closers.splice(0).forEach((c) => c());
  await bed.cleanup();
});

function listen<T extends Server | NetServer>(server: T, port: number): Promise<T> {
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r(server)));
}

describe('Supervisor port preflight and binaries', () => {
  it('refuses to spawn on a busy TCP port and names the holder (this test process)', async () => {
    bed = new TestBed();
    const port = await freePort();
    const blocker = await listen(createServer(), port);
    closers.push(() => blocker.close());
    const sup = bed.supervisor([sidecarSpec('gw', port, [])]);
    await sup.start('gw');
    const s = sup.snapshot()[0]!;
    expect(s.state).toBe('failed');
    expect(s.pid).toBeNull();
    expect(s.error?.code).toBe('port_busy');
    expect(s.error?.message).toContain(`port ${port}`);
    expect(s.error?.message).toContain(`pid ${process.pid}`);
    expect(s.error?.hint).toMatch(/Retry/);
    // The values the UI needs to say it in another language.
    expect(s.error?.params).toMatchObject({ name: 'test-gw', protocol: 'TCP', port, holders: 1 });
    expect(s.error?.params?.holder).toContain(`pid ${process.pid}`);
    // No crash loop: it stays failed.
    await new Promise((r) => setTimeout(r, 300));
    expect(sup.snapshot()[0]!.state).toBe('failed');
    // Freed port + retry → starts.
    blocker.close();
    await sup.retry('gw');
    const ok = await waitFor(() => sup.snapshot().find((x) => x.health === 'healthy'), 'healthy after retry');
    bed.track(ok.pid);
  });

  it('says when the port holder answers /healthz as a different service', async () => {
    bed = new TestBed();
    const port = await freePort();
    const foreign = await listen(
      createHttpServer((_req, res) => res.end(JSON.stringify({ service: 'foo', status: 'ok' }))),
      port,
    );
    closers.push(() => foreign.close());
    const sup = bed.supervisor([sidecarSpec('gw', port, [])]);
    await sup.start('gw');
    expect(sup.snapshot()[0]!.error?.message).toContain(`answering as 'foo', not palyrad`);
    expect(sup.snapshot()[0]!.error?.params).toMatchObject({
      variant: 'other_service',
      service: 'foo',
      expected: 'palyrad',
    });
  });

  it('checks the UDP (QUIC) port too', async () => {
    bed = new TestBed();
    const [tcp, udp] = [await freePort(), await freePort()];
    const sock: Socket = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(udp, '127.0.0.1', () => r()));
    closers.push(() => sock.close());
    const sup = bed.supervisor([
      sidecarSpec('gw', tcp, [], {
        ports: [
          { port: tcp, protocol: 'tcp' },
          { port: udp, protocol: 'udp' },
        ],
      }),
    ]);
    await sup.start('gw');
    const s = sup.snapshot()[0]!;
    expect(s.error?.code).toBe('port_busy');
    expect(s.error?.message).toContain(`UDP port ${udp}`);
  });

  it('a missing binary fails with binary_missing instead of crash-looping', async () => {
    bed = new TestBed();
    const sup = bed.supervisor([sidecarSpec('gw', null, [], { binary: `${bed.dir}/no-such-palyrad` })]);
    await sup.start('gw');
    const s = await waitFor(() => sup.snapshot().find((x) => x.state === 'failed'), 'failed');
    expect(s.error?.code).toBe('binary_missing');
    expect(s.error?.message).toContain('no-such-palyrad');
    expect(s.error?.params).toEqual({
      variant: 'spawn_not_found',
      name: 'test-gw',
      path: `${bed.dir}/no-such-palyrad`,
    });
  });

  it('a spec whose binary could not be resolved shows the resolver error', async () => {
    bed = new TestBed();
    const err = {
      code: 'binary_missing',
      message: 'Could not find palyrad; looked in: a, b.',
      hint: 'Install it.',
      // The resolver's values travel with its error (the UI words it from them).
      params: { variant: 'not_found', binary: 'palyrad', envVar: 'X', places: 'b', placeCount: 1 },
    };
    const sup = bed.supervisor([sidecarSpec('gw', null, [], { binary: null, binaryError: err })]);
    expect(sup.snapshot()[0]!.error).toEqual(err);
    await sup.start('gw');
    expect(sup.snapshot()[0]!.state).toBe('failed');
  });
});
