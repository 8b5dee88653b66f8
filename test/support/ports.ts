import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Distinct free ports for every Palyra listener, so tests never touch 7142 & co. */
export async function freePalyraPorts(): Promise<{
  gatewayHttp: number;
  gatewayGrpc: number;
  gatewayQuic: number;
  browserdHealth: number;
  browserdGrpc: number;
}> {
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [gatewayHttp, gatewayGrpc, gatewayQuic, browserdHealth, browserdGrpc] = [...ports] as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { gatewayHttp, gatewayGrpc, gatewayQuic, browserdHealth, browserdGrpc };
}
