// Stand-in for `palyra-browserd`: its only HTTP route is /healthz; the gRPC port is just bound.
//   node build/main/dev/simulator/browserd.js --port P --grpc-port G [--bind A --grpc-bind A --auth-token T]
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { TracingLog } from './log';

const VALUE_FLAGS = new Set([
  '--bind',
  '--port',
  '--grpc-bind',
  '--grpc-port',
  '--auth-token',
  '--engine-mode',
  '--chromium-path',
  '--session-idle-ttl-ms',
  '--max-sessions',
  '--max-navigation-timeout-ms',
  '--max-session-lifetime-ms',
  '--max-screenshot-bytes',
  '--max-response-bytes',
  '--max-title-bytes',
  '--chromium-startup-timeout-ms',
]);

function parse(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] ?? '';
    if (!VALUE_FLAGS.has(name) || argv[i + 1] === undefined) {
      process.stderr.write(
        `error: unexpected argument '${name}' found\n\nUsage: palyra-browserd [OPTIONS]\n`,
      );
      process.exit(2);
    }
    out.set(name, argv[++i] ?? '');
  }
  return out;
}

const flags = parse(process.argv.slice(2));
const log = new TracingLog('palyra_browserd');
const startedAt = Date.now();
const bind = flags.get('--bind') ?? '127.0.0.1';
const grpcBind = flags.get('--grpc-bind') ?? '127.0.0.1';
const port = Number(flags.get('--port') ?? 7143);
const grpcPort = Number(flags.get('--grpc-port') ?? 7543);

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    const body = JSON.stringify({
      service: 'palyra-browserd',
      status: 'ok',
      version: '0.1.0',
      git_hash: process.env.PALYRA_GIT_HASH?.trim() || 'unknown',
      build_profile: 'debug',
      uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
    });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(body);
    return;
  }
  res.writeHead(404).end();
});
const grpc = createTcpServer((socket) => socket.destroy());

function failBind(what: string, err: Error): never {
  process.stderr.write(`Error: failed to bind ${what}\n\nCaused by:\n    ${err.message}\n`);
  process.exit(1);
}

http.once('error', (err) => failBind('browser health listener', err));
grpc.once('error', (err) => failBind('browser gRPC listener', err));
http.listen(port, bind, () => {
  grpc.listen(grpcPort, grpcBind, () => {
    const h = http.address();
    const g = grpc.address();
    log.info('browser service health endpoint listening', {
      listen_addr: `${bind}:${typeof h === 'object' && h ? h.port : port}`,
    });
    log.info('browser service gRPC listening', {
      grpc_listen_addr: `${grpcBind}:${typeof g === 'object' && g ? g.port : grpcPort}`,
      engine_mode: process.env.PALYRA_BROWSERD_ENGINE_MODE ?? flags.get('--engine-mode') ?? 'chromium',
    });
  });
});

process.once('SIGINT', () => {
  log.info('shutdown signal received', { signal: 'SIGINT' });
  grpc.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
