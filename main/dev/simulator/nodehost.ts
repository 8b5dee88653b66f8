// Stand-in for `palyra node …`. `run --json` prints the pretty-printed run payload (the readiness
// signal) once paired and registered, and keeps running until SIGINT (exit 0, like the real node
// host on Ctrl-C); `status|install|uninstall` and the pairing checks live in node-cli-sim.ts.
//   node build/main/dev/simulator/nodehost.js node run --json [--grpc-url U] [--device-id D]
import { runPalyraNodeCli, type NodeRunConfig } from './node-cli-sim';

const args = process.argv.slice(2);

function startRun(config: NodeRunConfig): void {
  const payload = {
    action: 'run',
    device_id: config.deviceId,
    grpc_url: config.grpcUrl,
    poll_interval_ms: config.pollIntervalMs,
    paired: true,
    capability_count: 5,
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
  else process.stdout.write(`node.run device_id=${payload.device_id} grpc_url=${payload.grpc_url}\n`);

  // Stands for the heartbeat stream: keeps the event loop alive.
  const heartbeat = setInterval(() => undefined, config.pollIntervalMs);

  process.once('SIGINT', () => {
    clearInterval(heartbeat);
    process.exit(0);
  });
}

void runPalyraNodeCli(args, startRun);
