// The gateway simulator, runnable in place of `palyrad`:
//   node build/main/dev/simulator/palyrad.js --bind 127.0.0.1 --port P --grpc-bind 127.0.0.1 --grpc-port G
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Server } from 'node:http';
import { loadDaemonConfig, PALYRAD_HELP, StartupError, UsageError } from './daemon-config';
import { startDemoMode } from './demo-mode';
import { TracingLog } from './log';
import { createNodeRpcServer } from './node-rpc';
import { createSimulatorServer } from './server';
import { SimulatorState } from './simulator-state';

function listen(server: Server | TcpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function fail(message: string, cause?: unknown): never {
  const detail = cause instanceof Error ? `\n\nCaused by:\n    ${cause.message}` : '';
  process.stderr.write(`Error: ${message}${detail}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(PALYRAD_HELP);
    return;
  }
  const log = new TracingLog('palyra_daemon');
  let config;
  try {
    config = loadDaemonConfig(argv, process.env);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  log.info('gateway startup', {
    admin_bind_addr: config.bindAddr,
    admin_port: config.port,
    grpc_bind_addr: config.grpcBindAddr,
    grpc_port: config.grpcPort,
    admin_auth_required: config.requireAuth,
    admin_bound_principal: config.boundPrincipal,
    model_provider: 'deterministic',
    simulator: true,
  });
  const state = new SimulatorState(config, log);
  const http = createSimulatorServer(state);
  const grpc = createTcpServer((socket) => socket.destroy());
  // palyrad's node RPC listener: TCP on the gateway gRPC port + 1 (its QUIC listener is UDP).
  const nodeRpc = createNodeRpcServer(state);
  let httpPort: number;
  let grpcPort: number;
  let nodeRpcPort: number;
  try {
    httpPort = await listen(http, config.port, config.bindAddr);
  } catch (err) {
    fail('failed to bind palyrad admin listener', err);
  }
  try {
    grpcPort = await listen(grpc, config.grpcPort, config.grpcBindAddr);
  } catch (err) {
    fail('failed to bind gateway gRPC listener', err);
  }
  try {
    nodeRpcPort = await listen(nodeRpc, grpcPort + 1, config.grpcBindAddr);
  } catch (err) {
    fail('failed to bind node RPC listener', err);
  }
  log.info('daemon listening', { listen_addr: `${config.bindAddr}:${httpPort}` });
  log.info('gateway gRPC listening', { grpc_listen_addr: `${config.grpcBindAddr}:${grpcPort}` });
  log.info('node RPC listener initialized', {
    node_rpc_listen_addr: `${config.grpcBindAddr}:${nodeRpcPort}`,
    node_rpc_mtls_required: true,
  });
  const stopDemo = config.demo
    ? startDemoMode(state, Number(process.env.PALYRA_SIM_DEMO_APPROVAL_INTERVAL_MS) || 45_000)
    : () => undefined;

  // Whatever ends the process normally (SIGINT below, a startup failure), the journal is complete.
  process.once('exit', () => state.flushSync());
  // palyrad only handles Ctrl-C; SIGTERM keeps its default action (the process dies, 143).
  process.once('SIGINT', () => {
    log.info('shutdown signal received', { signal: 'SIGINT' });
    stopDemo();
    state.approvals.dispose();
    grpc.close();
    nodeRpc.close();
    http.close(() => process.exit(0));
    // Open NDJSON streams would hold close() forever; end them after a short grace.
    setTimeout(() => http.closeAllConnections(), 500).unref();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

void main();
