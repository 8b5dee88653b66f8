// Ephemeral loopback ports for one companion's Palyra listeners, never Palyra's defaults.
import { createServer, type Server } from 'node:net';

export interface PalyraTestPorts {
  gatewayHttp: number;
  gatewayGrpc: number;
  gatewayQuic: number;
  browserdHealth: number;
  browserdGrpc: number;
}

const PALYRA_DEFAULTS = new Set([7142, 7143, 7443, 7444, 7543]);

function listen(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Holds every candidate open until all are chosen so no two come out equal. palyrad also binds
 * gRPC port + 1 (its node-RPC listener), so the gRPC port is only taken when its neighbour is free.
 */
export async function freePalyraPorts(): Promise<PalyraTestPorts> {
  const held: Server[] = [];
  const pick = async (withNeighbour: boolean): Promise<number> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const server = await listen(0);
      if (!server) continue;
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      if (port === 0 || PALYRA_DEFAULTS.has(port) || (withNeighbour && PALYRA_DEFAULTS.has(port + 1))) {
        held.push(server);
        continue;
      }
      held.push(server);
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
