// Before spawning, prove every port is free by binding it ourselves; when one is busy, name who
// holds it so the operator is not left with a daemon crash-looping on "address in use".
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { CompanionError } from '../errors';
import { request } from '../http/http-request';
import { pidsHoldingSocketInodes, processDisplayName } from './procfs';

export interface PortRequirement {
  port: number;
  protocol: 'tcp' | 'udp';
}

const HOST = '127.0.0.1';

function tryBindTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function tryBindUdp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: HOST, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

export function isPortFree(req: PortRequirement): Promise<boolean> {
  return req.protocol === 'tcp' ? tryBindTcp(req.port) : tryBindUdp(req.port);
}

/** Socket inodes bound to the port, from /proc/net/{tcp,tcp6,udp,udp6}. Linux only. */
function socketInodesFor(req: PortRequirement): Set<string> {
  const inodes = new Set<string>();
  const hexPort = req.port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of [req.protocol, `${req.protocol}6`]) {
    let raw: string;
    try {
      raw = readFileSync(`/proc/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of raw.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const local = cols[1]!;
      const state = cols[3]!;
      // TCP: only listeners (0A). UDP: bound sockets show as 07.
      if (req.protocol === 'tcp' && state !== '0A') continue;
      if (local.endsWith(`:${hexPort}`) && cols[9] !== '0') inodes.add(cols[9]!);
    }
  }
  return inodes;
}

export function describePortHolder(req: PortRequirement): string {
  return portHolders(req) || 'unknown process';
}

/** `pid 123 (palyrad), …` for whatever holds the port; '' when no process could be named. */
function portHolders(req: PortRequirement): string {
  const pids = pidsHoldingSocketInodes(socketInodesFor(req));
  return pids.map((pid) => `pid ${pid} (${processDisplayName(pid)})`).join(', ');
}

/** The `service` name whatever listens on the port reports at /healthz, if it answers at all. */
export async function serviceAnsweringOn(port: number, timeoutMs = 1_000): Promise<string | null> {
  try {
    const res = await request(`http://${HOST}:${port}/healthz`, { timeoutMs, maxBodyBytes: 64 * 1024 });
    const body = JSON.parse(res.text) as { service?: unknown };
    return typeof body.service === 'string' ? body.service : null;
  } catch {
    return null;
  }
}

/**
 * Throws CompanionError('port_busy') for the first busy port. `healthPort`/`expectService`
 * let it say when the holder is some other program answering /healthz.
 */
export async function assertPortsFree(
  serviceLabel: string,
  ports: PortRequirement[],
  health?: { port: number; expectService?: string },
): Promise<void> {
  for (const req of ports) {
    if (await isPortFree(req)) continue;
    const holder = portHolders(req);
    const expected = health?.expectService ?? serviceLabel;
    let answering = '';
    // Which sentence the UI says (errors.port_busy[.<variant>]); the values fill it in.
    let variant: string | null = null;
    let service = '';
    if (req.protocol === 'tcp' && health && health.port === req.port) {
      const answered = await serviceAnsweringOn(req.port);
      if (answered !== null && answered !== health.expectService) {
        answering = ` It is held by a process answering as '${answered}', not ${expected}.`;
        variant = 'other_service';
      } else if (answered !== null) {
        answering = ` Another ${answered} is already answering there (not started by this companion).`;
        variant = 'same_service';
      }
      service = answered ?? '';
    }
    throw new CompanionError(
      'port_busy',
      `Cannot start ${serviceLabel}: ${req.protocol.toUpperCase()} port ${req.port} on ${HOST} is in use by ${holder || 'unknown process'}.${answering}`,
      `Stop the process holding port ${req.port}, or configure a different port for ${serviceLabel}, then press Retry.`,
      {
        params: {
          ...(variant ? { variant, service, expected } : {}),
          name: serviceLabel,
          protocol: req.protocol.toUpperCase(),
          port: req.port,
          host: HOST,
          holder,
          // 0: no process could be named (the UI says "an unknown process" in its language).
          holders: holder ? 1 : 0,
        },
      },
    );
  }
}
