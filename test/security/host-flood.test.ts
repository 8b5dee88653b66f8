// A flood of unauthenticated connections from the same machine (bounded: 500 at once, 8 s,
// 20,000 connections at most) must not keep the page or a valid call from being served: a valid
// call answers within 1 s during the flood (plus twice what the same call took without the flood
// in this run, for a loaded machine). The flood mixes the cheap cases: requests without a token
// that keep their connection open (keep-alive), and slowloris sockets that never finish headers.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { apiCall, httpRequest, startFixture, type HostFixture } from '../integration/host/host-harness';

let fixture: HostFixture | null = null;
const attackers = new Set<ChildProcess>();
afterEach(async () => {
  for (const child of attackers) if (child.exitCode === null) child.kill('SIGKILL');
  attackers.clear();
  await fixture?.dispose();
  fixture = null;
});

const CONCURRENT = 500;
const FLOOD_MS = 8_000;
const MAX_CONNECTIONS_TOTAL = 20_000;

/**
 * The attacker, in its own process (as it would be): keeps CONCURRENT unauthenticated sockets open
 * against the port for FLOOD_MS, reconnecting as soon as one is closed; prints how many it opened.
 */
const ATTACKER = `
const net = require('node:net');
const [port, concurrent, floodMs, maxTotal] = process.argv.slice(1).map(Number);
const started = Date.now();
let opened = 0;
const open = (i) => {
  if (Date.now() - started > floodMs || opened >= maxTotal) return;
  opened += 1;
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  socket.once('close', () => setImmediate(() => open(i)));
  socket.once('connect', () => {
    const host = 'Host: 127.0.0.1:' + port + '\\r\\n';
    if (i % 5 === 0) socket.write('GET / HTTP/1.1\\r\\n' + host + 'X-Slow: ');
    else if (i % 2 === 0) socket.write('GET / HTTP/1.1\\r\\n' + host + 'Connection: keep-alive\\r\\n\\r\\n');
    else socket.write('POST /api/call HTTP/1.1\\r\\n' + host + 'Content-Type: application/json\\r\\nContent-Length: 2\\r\\nConnection: keep-alive\\r\\n\\r\\n{}');
  });
};
for (let i = 0; i < concurrent; i++) open(i);
setTimeout(() => { console.log(String(opened)); process.exit(0); }, floodMs + 200);
`;

function flood(port: number): { child: ChildProcess; opened: Promise<number> } {
  const child = spawn(
    process.execPath,
    ['-e', ATTACKER, String(port), String(CONCURRENT), String(FLOOD_MS), String(MAX_CONNECTIONS_TOTAL)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  attackers.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const opened = new Promise<number>((resolve) => child.once('exit', () => resolve(Number(out.trim()))));
  return { child, opened };
}

describe('host under an unauthenticated flood', () => {
  it('still serves the page and answers a valid call within 1 s', async () => {
    fixture = await startFixture();
    const { host } = fixture;
    // The same rounds without a flood, in this run: on a loaded shared machine a call can be slow
    // for reasons the flood has nothing to do with, and the limit allows for exactly that much.
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      expect((await apiCall(host, { name: 'snapshot.get', params: {} })).status).toBe(200);
      expect((await httpRequest(host, { path: `/?token=${host.token}` })).status).toBe(200);
      quiet.push(Date.now() - t0);
    }
    const limit = 1_000 + 2 * Math.max(...quiet);
    const started = Date.now();
    const attack = flood(host.port);
    await new Promise((r) => setTimeout(r, 1_000)); // let the flood build up
    const calls: number[] = [];
    const pages: number[] = [];
    while (Date.now() - started < FLOOD_MS - 500) {
      let t0 = Date.now();
      const call = await apiCall(host, { name: 'snapshot.get', params: {} });
      calls.push(Date.now() - t0);
      t0 = Date.now();
      const page = await httpRequest(host, { path: `/?token=${host.token}` });
      pages.push(Date.now() - t0);
      expect(call.status).toBe(200);
      expect(page.status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
    const range = (t: number[]): string => `${Math.min(...t)}–${Math.max(...t)} ms`;
    console.log(
      `flood: ${await attack.opened} unauthenticated connections in ${FLOOD_MS} ms; valid call ${range(calls)}, page ${range(pages)} (${calls.length} rounds); without the flood call+page ${range(quiet)}, limit ${limit} ms`,
    );
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...calls)).toBeLessThan(limit);
    expect(Math.max(...pages)).toBeLessThan(limit);
  }, 30_000);
});
