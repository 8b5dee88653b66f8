// Ephemeral loopback ports for tests and benches, never Palyra's defaults.
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

/**
 * Distinct free ports for every Palyra listener. Every candidate stays open until all are chosen
 * so no two come out equal. palyrad also binds gRPC port + 1 (its node-RPC listener), so the gRPC
 * port is only taken when its neighbour is free too.
 */
export async function freePalyraPorts(): Promise<PalyraTestPorts> {
  const held: Server[] = [];
  const pick = async (withNeighbour: boolean): Promise<number> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const server = await listen(0);
      if (!server) continue;
      held.push(server);
      const port = portOf(server);
      if (port === 0 || PALYRA_DEFAULTS.has(port) || (withNeighbour && PALYRA_DEFAULTS.has(port + 1)))
        continue;
      if (!withNeighbour) return port;
      const neighbour = port < 65535 ? await listen(port + 1) : null;
      if (neighbour) {
        held.push(neighbour);
        return port;
      }
    }
    throw new Error('could not find free loopback ports for the Palyra sidecars');
  };
  try {
    const gatewayHttp = await pick(false);
    const gatewayGrpc = await pick(true);
    const gatewayQuic = await pick(false);
    const browserdHealth = await pick(false);
    const browserdGrpc = await pick(false);
    return { gatewayHttp, gatewayGrpc, gatewayQuic, browserdHealth, browserdGrpc };
  } finally {
    await Promise.all(held.map(close));
  }
}
