// Loopback ports for tests and benches, never Palyra's defaults.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

// A type alias, not an interface, so it still fits Record<string, number> (as the old inline type did).
export type PalyraTestPorts = {
  gatewayHttp: number;
  gatewayGrpc: number;
  gatewayQuic: number;
  browserdHealth: number;
  browserdGrpc: number;
};

const PALYRA_DEFAULTS = new Set([7142, 7143, 7443, 7444, 7543]);

function listen(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = portOf(server);
      server.close(() => resolve(port));
    });
  });
}

/** The kernel's ephemeral range starts here (outgoing connections take their local ports above it). */
function ephemeralFloor(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const floor = Number(low);
    return Number.isInteger(floor) && floor > 21_000 ? floor : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * A free loopback port below the kernel's ephemeral range, held open (in `held`) until the caller
 * has picked all it needs, so no two picks come out equal. Palyra's own ports (7142…) sit below
 * that range too; an OS-picked (ephemeral) port can be handed to some other process's outgoing
 * connection while a sidecar is down, and then its restart cannot bind: a full test run makes
 * thousands of connections, and the supervisor restarts gateways on their port in many tests.
 * With `withNeighbour`, port + 1 is free too (palyrad binds gRPC port + 1 for node RPC).
 */
async function pickBelowEphemeral(held: Server[], withNeighbour: boolean): Promise<number> {
  const ceiling = ephemeralFloor() - 2;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * (ceiling - 20_000));
    if (PALYRA_DEFAULTS.has(port) || PALYRA_DEFAULTS.has(port + 1)) continue;
    const server = await listen(port);
    if (!server) continue;
    held.push(server);
    if (!withNeighbour) return port;
    const neighbour = await listen(port + 1);
    if (neighbour) {
      held.push(neighbour);
      return port;
    }
  }
  throw new Error('could not find free loopback ports below the ephemeral range');
}

/** Distinct free ports for every Palyra listener (see pickBelowEphemeral). */
export async function freePalyraPorts(): Promise<PalyraTestPorts> {
  const held: Server[] = [];
  try {
    const gatewayHttp = await pickBelowEphemeral(held, false);
    const gatewayGrpc = await pickBelowEphemeral(held, true);
    const gatewayQuic = await pickBelowEphemeral(held, false);
    const browserdHealth = await pickBelowEphemeral(held, false);
    const browserdGrpc = await pickBelowEphemeral(held, false);
    return { gatewayHttp, gatewayGrpc, gatewayQuic, browserdHealth, browserdGrpc };
  } finally {
    await Promise.all(held.map(close));
  }
}
