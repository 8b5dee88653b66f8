// First-token latency through the gateway client: the simulator logs the wall-clock time it wrote
// the first model_token line; the client notes when its onToken callback saw it. Both clocks are
// performance.timeOrigin + performance.now() on the same machine.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { GatewayClient } from '../main/core/gateway';
import { median, runStandalone, type BenchRow } from './report';
import { freePort } from '../test/support/ports';
import { waitFor } from '../test/support/wait-for';

const RUNS = 25;
const ADMIN_TOKEN = 'bench-admin-token';
const SIMULATOR = join(__dirname, '..', 'main', 'dev', 'simulator', 'palyrad.js');

const wallClockMs = (): number => performance.timeOrigin + performance.now();

export async function run(): Promise<BenchRow[]> {
  const port = await freePort();
  const child = spawn(process.execPath, [SIMULATOR, '--port', String(port), '--grpc-port', '0'], {
    env: {
      PATH: process.env.PATH ?? '',
      PALYRA_ADMIN_TOKEN: ADMIN_TOKEN,
      PALYRA_ADMIN_BOUND_PRINCIPAL: 'admin:desktop-control-center',
      PALYRA_SIM_TOKEN_DELAY_MS: '15',
      PALYRA_SIM_RATE_LIMIT: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const written = new Map<string, number>();
  let listening = false;
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      try {
        const entry = JSON.parse(line) as {
          fields?: { message?: string; run_id?: string; written_at_unix_ms?: number };
        };
        if (entry.fields?.message === 'daemon listening') listening = true;
        if (entry.fields?.message === 'first model token written' && entry.fields.run_id) {
          written.set(entry.fields.run_id, entry.fields.written_at_unix_ms ?? Number.NaN);
        }
      } catch {
        // not a log line
      }
    }
  });
  try {
    await waitFor(() => listening, 'simulator start', 30_000, { intervalMs: 10 });
    const client = new GatewayClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getAdminToken: async () => ADMIN_TOKEN,
    });
    const { session } = await client.resolveSession({ label: 'bench' });
    const transit: number[] = [];
    const sendToFirst: number[] = [];
    for (let i = 0; i < RUNS + 2; i += 1) {
      let firstSeenAt = Number.NaN;
      const startedAt = wallClockMs();
      const reply = await client.sendMessage(
        session.sessionId,
        { text: 'measure the first token latency please' },
        {
          onToken: () => {
            if (Number.isNaN(firstSeenAt)) firstSeenAt = wallClockMs();
          },
        },
      );
      await waitFor(() => written.has(reply.runId), 'first-token log line', 10_000, { intervalMs: 10 });
      if (i < 2) continue; // warm-up: JIT, keep-alive connection
      transit.push(firstSeenAt - written.get(reply.runId)!);
      sendToFirst.push(firstSeenAt - startedAt);
    }
    const range = (xs: number[]) => `min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)}`;
    return [
      {
        name: 'gateway: first token, simulator write → client onToken',
        value: median(transit),
        unit: 'ms',
        runs: transit.length,
        note: `${range(transit)}; NDJSON over loopback HTTP, parsed incrementally`,
      },
      {
        name: 'gateway: send → first token (incl. 15 ms simulated model delay)',
        value: median(sendToFirst),
        unit: 'ms',
        runs: sendToFirst.length,
        note: range(sendToFirst),
      },
    ];
  } finally {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }
}

if (require.main === module) void runStandalone(run);
