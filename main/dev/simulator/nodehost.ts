// Stand-in for `palyra node run --json`: prints the pretty-printed run payload (the readiness
// signal) and keeps running until SIGINT (exit 0, like the real node host on Ctrl-C). Like the real
// one, it exits at once (code 2, the same error line) when the node host is not paired: no
// `<PALYRA_STATE_ROOT>/node-host/node-host.json`. Demo mode (PALYRA_SIM_DEMO) counts as paired.
//   node build/main/dev/simulator/nodehost.js node run --json [--grpc-url U] [--device-id D]
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);

function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (args[0] !== 'node' || args[1] !== 'run') {
  process.stderr.write(`error: unsupported command '${args.join(' ')}' (the stub only knows 'node run')\n`);
  process.exit(2);
}

const stateRoot = process.env.PALYRA_STATE_ROOT ?? process.cwd();
if (process.env.PALYRA_SIM_DEMO !== '1' && !existsSync(join(stateRoot, 'node-host', 'node-host.json'))) {
  process.stderr.write(
    `error[validation_error] trace_id=cli:01ARZ3NDEKTSV4RRFFQ69G5FAV state_root=${stateRoot} node pairing bootstrap requires --method when local pairing material is absent\n`,
  );
  process.exit(2);
}

const pollInterval = Math.max(100, Number(flag('--poll-interval-ms') ?? 1000) || 1000);
const payload = {
  action: 'run',
  device_id: flag('--device-id') ?? '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  grpc_url: flag('--grpc-url') ?? 'https://127.0.0.1:7444',
  poll_interval_ms: pollInterval,
  paired: true,
  capability_count: 5,
};
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
else process.stdout.write(`node.run device_id=${payload.device_id} grpc_url=${payload.grpc_url}\n`);

// Stands for the heartbeat stream: keeps the event loop alive.
const heartbeat = setInterval(() => undefined, pollInterval);

process.once('SIGINT', () => {
  clearInterval(heartbeat);
  process.exit(0);
});
