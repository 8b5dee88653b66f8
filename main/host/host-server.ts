// The headless host: the same core the Electron shell uses, served to the same UI over loopback
// HTTP + WebSocket behind a per-run token.
//
// Request checks, in order, for every request and upgrade:
//   1. Host header must be 127.0.0.1/localhost/[::1] with our port (DNS rebinding) → 421.
//   2. Origin, when present, must be one of those three as http:// with our port → 403. Browsers
//      always send Origin on WebSocket handshakes and cross-origin POSTs, so a missing Origin
//      means a non-browser client (script, test, curl); it is accepted because it still has to
//      present the token, which a web page cannot learn.
//   3. Token: ?token= (or the derived page cookie, see page-route.ts) for index.html,
//      `Authorization: Bearer` for /api/call, ?token= or Bearer for /ws.
//      A bad token on /ws completes the handshake and closes at once with 4401 so the browser UI
//      can tell "wrong token" from "host gone"; nothing is sent or dispatched before that.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocketServer } from 'ws';
import type { CompanionCore } from '../contract/dispatch';
import { CompanionError } from '../core/errors';
import { handleApiCall } from './api-route';
import { CLOSE_UNAUTHORIZED } from './client-connection';
import { ConnectionGuard } from './connection-guard';
import { bearerToken, HostToken } from './host-token';
import { silentHostLog, type HostLog } from './host-log';
import { refuseUpgrade, sendError, sendPage } from './http-responses';
import { assertLoopbackBind, LoopbackPolicy } from './loopback-policy';
import { handlePage, type PageCookie } from './page-route';
import { SecurityHeaders } from './security-headers';
import { SocketHub } from './socket-hub';
import { StaticFiles } from './static-files';

export interface HostOptions {
  core: CompanionCore;
  /** The built tray-ui (build/tray-ui). */
  uiDir: string;
  /** 0 (default) lets the OS pick a free port. */
  port?: number;
  /** Only 127.0.0.1 is accepted. */
  host?: string;
  /** 32 random bytes, base64url. Generated when omitted. */
  token?: string;
  /** Largest /api/call body and largest WebSocket message. Default 256 KiB. */
  maxBodyBytes?: number;
  /** Concurrent WebSocket clients. Default 16. */
  maxConnections?: number;
  /** Open TCP connections before the oldest one without the token is closed. Default 1024. */
  maxSockets?: number;
  /**
   * Bytes queued for one client beyond its largest frame before it is dropped as too slow.
   * Default 4 MiB. One frame may be larger: a snapshot carries every pending approval.
   */
  maxBufferedBytes?: number;
  /** Pending calls per WebSocket. Default 64. */
  maxInFlightCalls?: number;
  log?: HostLog;
}

export interface RunningHost {
  /** http://127.0.0.1:<port>/?token=<token>: what the operator opens. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
  /** WebSocket clients currently connected. */
  readonly connectionCount: number;
  /** Closes every socket and stops listening. Does not shut core down (the caller owns it). */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
const DEFAULT_MAX_CONNECTIONS = 16;
const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_IN_FLIGHT = 64;
const DEFAULT_MAX_SOCKETS = 1024;
/** A client gets this long to send its request headers (slowloris), checked every second. */
const HEADERS_TIMEOUT_MS = 10_000;

function splitUrl(rawUrl: string | undefined): { rawPath: string; query: URLSearchParams } {
  const url = rawUrl ?? '/';
  const at = url.indexOf('?');
  return at < 0
    ? { rawPath: url, query: new URLSearchParams() }
    : { rawPath: url.slice(0, at), query: new URLSearchParams(url.slice(at + 1)) };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(
          new CompanionError(
            'port_busy',
            `Port ${port} on ${host} is already in use.`,
            'Stop whatever holds it, or start with --port 0 to pick a free port.',
            { cause: err },
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new CompanionError(
            'port_forbidden',
            `Not allowed to listen on port ${port}.`,
            'Use a port above 1023, or --port 0 to pick a free one.',
            { cause: err },
          ),
        );
      } else {
        reject(
          new CompanionError(
            'listen_failed',
            `Could not listen on ${host}:${port}: ${err.message}`,
            'Try --port 0.',
            {
              cause: err,
            },
          ),
        );
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // A deep accept queue: under a connection flood a full one drops the operator's SYN, and the
    // kernel only retries it a second later.
    server.listen({ port, host, exclusive: true, backlog: 4096 });
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  assertLoopbackBind(host);
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new CompanionError(
      'invalid_port',
      `${String(requestedPort)} is not a TCP port.`,
      'Pass a port between 1 and 65535, or 0 to pick a free one.',
    );
  }
  const token = new HostToken(options.token);
  const log = options.log ?? silentHostLog;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const core = options.core;
  const files = new StaticFiles(options.uiDir);

  const hub = new SocketHub(
    core,
    {
      maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
      maxInFlightCalls: options.maxInFlightCalls ?? DEFAULT_MAX_IN_FLIGHT,
    },
    log,
  );
  // `ws` (and the zlib, tls and https modules it pulls in, ~2 MiB resident) is loaded when the
  // first WebSocket arrives: a companion nobody has opened the UI of never needs it. A dynamic
  // import, so test runners resolve and mock it like the static import it replaces.
  let wss: Promise<WebSocketServer> | null = null;
  const webSockets = (): Promise<WebSocketServer> =>
    (wss ??= import('ws').then(
      (ws) => new ws.WebSocketServer({ noServer: true, maxPayload: maxBodyBytes, perMessageDeflate: false }),
    ));
  let pendingUpgrades = 0;

  // Filled in once the port is known: Host/Origin/CSP all name it.
  let policy: LoopbackPolicy | null = null;
  let headers: SecurityHeaders | null = null;
  let pageCookie: PageCookie | null = null;

  const guard = new ConnectionGuard(options.maxSockets ?? DEFAULT_MAX_SOCKETS);

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { rawPath, query } = splitUrl(req.url);
    if (token.matches(bearerToken(req.headers.authorization) ?? query.get('token'))) guard.trust(req.socket);
    if (!policy || !headers || !pageCookie) {
      sendPage(res, 503, 'Starting', 'The companion is starting; retry in a moment.');
      return;
    }
    headers.apply(res);
    if (!policy.isAllowedHost(req.headers.host)) {
      log('warn', `refused a request for host ${JSON.stringify(req.headers.host ?? '')}`);
      sendPage(res, 421, 'Misdirected request', 'Open the companion at the 127.0.0.1 address it printed.');
      return;
    }
    const origin = req.headers.origin;
    if (rawPath === '/api/call') {
      await handleApiCall(req, res, { core, policy, token, log, maxBodyBytes });
      return;
    }
    if (rawPath === '/ws') {
      sendPage(res, 426, 'Upgrade required', '/ws only speaks WebSocket.');
      return;
    }
    if (rawPath.startsWith('/api/')) {
      sendError(res, 404, {
        code: 'not_found',
        message: `No API at ${rawPath.slice(0, 80)}.`,
        hint: 'Use /api/call.',
      });
      return;
    }
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      origin !== undefined &&
      !policy.isAllowedOrigin(origin)
    ) {
      sendPage(res, 403, 'Forbidden', 'Foreign origin.');
      return;
    }
    await handlePage(req, res, rawPath, query, files, token, pageCookie);
  };

  const onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    socket.on('error', () => undefined);
    if (!policy) {
      refuseUpgrade(socket, 503, 'Service Unavailable', 'starting');
      return;
    }
    if (!policy.isAllowedHost(req.headers.host)) {
      log('warn', `refused a WebSocket for host ${JSON.stringify(req.headers.host ?? '')}`);
      refuseUpgrade(socket, 421, 'Misdirected Request', 'wrong host');
      return;
    }
    const { rawPath, query } = splitUrl(req.url);
    if (rawPath !== '/ws') {
      refuseUpgrade(socket, 404, 'Not Found', 'WebSocket endpoint is /ws');
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !policy.isAllowedOrigin(origin)) {
      log('warn', `refused a WebSocket from origin ${JSON.stringify(origin)}`);
      refuseUpgrade(socket, 403, 'Forbidden', 'foreign origin');
      return;
    }
    if (hub.size + pendingUpgrades >= maxConnections) {
      log('warn', `refused a WebSocket: ${maxConnections} clients already connected`);
      refuseUpgrade(socket, 503, 'Service Unavailable', 'too many connections');
      return;
    }
    const authorized = token.matches(query.get('token') ?? bearerToken(req.headers.authorization));
    if (authorized) guard.trust(socket);
    pendingUpgrades += 1;
    // Counted until the handshake completes or the socket closes first (ws then never calls back).
    let counted = true;
    const uncount = (): void => {
      if (counted) pendingUpgrades -= 1;
      counted = false;
    };
    socket.once('close', uncount);
    // The client sends nothing before our 101, so handing the socket over a tick later loses nothing.
    webSockets()
      .then((sockets) =>
        sockets.handleUpgrade(req, socket, head, (ws) => {
          uncount();
          if (!authorized) {
            log('warn', 'closed a WebSocket with a missing or wrong token');
            ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
            return;
          }
          hub.add(ws);
        }),
      )
      .catch((err: unknown) => {
        uncount();
        log('error', `WebSocket upgrade failed: ${String(err)}`);
        refuseUpgrade(socket, 500, 'Internal Server Error', 'WebSocket server unavailable');
      });
  };

  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      log('error', `request failed: ${String(err)}`);
      if (!res.headersSent) sendPage(res, 500, 'Internal error', 'See the companion log for details.');
      else res.destroy();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = 30_000;
  // No server.maxConnections: refusing new connections is what let a flood lock the UI out.
  server.on('connection', (socket: Socket) => guard.admit(socket));
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const port = await listen(server, requestedPort, host);
  policy = new LoopbackPolicy(port);
  headers = new SecurityHeaders(policy.webSocketOrigins());
  pageCookie = { name: `palyra_companion_page_${port}`, key: token.derive('index.html reload') };
  const unsubscribe = core.subscribe((event, payload) => hub.broadcast(event, payload));

  if (!(await files.hasIndex())) {
    log('warn', `no index.html in ${options.uiDir}; run \`npm run build:ui\` before opening the page`);
  }

  const origin = `http://${host}:${port}`;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      unsubscribe();
      hub.closeAll('companion shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Give close frames a moment to flush, then cut whatever is left.
        setTimeout(() => {
          hub.terminateAll();
          server.closeAllConnections();
        }, 500).unref();
      });
      const sockets = await wss?.catch(() => null);
      if (sockets) await new Promise<void>((resolve) => sockets.close(() => resolve()));
    })();
    return closing;
  };

  log('info', `serving the companion UI on ${origin}`);
  return {
    url: `${origin}/?token=${token.value}`,
    origin,
    port,
    token: token.value,
    get connectionCount() {
      return hub.size;
    },
    close,
  };
}
