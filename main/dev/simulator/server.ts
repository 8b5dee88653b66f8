import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiErrors } from './api-error';
import { agentRoutes } from './agent-routes';
import { approvalRoutes } from './approval-routes';
import { attachmentRoutes } from './attachment-routes';
import { authRoutes } from './auth-routes';
import { chatRoutes } from './chat-routes';
import { dashboardLandingRoutes } from './dashboard-landing';
import { discordRoutes } from './discord-routes';
import { sendFailure, sendJson, sendRaw } from './http-io';
import { pairingRoutes } from './pairing-routes';
import { providerAuthRoutes } from './provider-auth-routes';
import { isRateLimitExempt, isLoopback } from './rate-limiter';
import { simControlRoutes } from './sim-control-routes';
import type { Reply, Route, SimulatorState } from './simulator-state';
import { statusRoutes } from './status-routes';

const ROUTES: Route[] = [
  ...statusRoutes,
  ...authRoutes,
  ...chatRoutes,
  ...attachmentRoutes,
  ...approvalRoutes,
  ...agentRoutes,
  ...pairingRoutes,
  ...providerAuthRoutes,
  ...discordRoutes,
  ...simControlRoutes,
  ...dashboardLandingRoutes,
];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The faults a plain (non-streaming) reply can suffer; stream faults are taken by the stream route. */
const REPLY_FAULTS = new Set(['bad_json', 'wrong_schema', 'rate_limit', 'slow']);

export function createSimulatorServer(state: SimulatorState): Server {
  return createServer((req, res) => {
    void handle(state, req, res).catch((err: unknown) => {
      res.removeHeader('set-cookie');
      sendFailure(res, err);
    });
  });
}

async function handle(state: SimulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const isConsole = path.startsWith('/console/') || path.startsWith('/admin/');
  const isControl = path.startsWith('/__sim/');

  if (isConsole) {
    state.stats.consoleRequests += 1;
    const ip = req.socket.remoteAddress ?? '';
    const exempt = isLoopback(ip) && isRateLimitExempt(method, path);
    if (!exempt && !state.limiter.admit(ip)) {
      state.stats.rateLimited += 1;
      throw apiErrors.rateLimited(`admin API rate limit exceeded for ${ip}`);
    }
  }

  // The stream route takes its own faults (they strike mid-stream); only 429 hits it up front.
  const isStream = path.endsWith('/messages/stream');
  const fault = isControl
    ? null
    : state.faults.take(path, (k) =>
        isStream ? k === 'rate_limit' : REPLY_FAULTS.has(k) || k === 'close_mid_stream',
      );
  if (fault?.kind === 'rate_limit')
    throw apiErrors.rateLimited(`admin API rate limit exceeded for simulated fault`);
  if (fault?.kind === 'close_mid_stream') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'slow') await sleep(fault.delayMs);

  const match = findRoute(method, path);
  if (!match) {
    if (isConsole || isControl) throw apiErrors.notFound(`no route for ${method} ${path}`);
    sendRaw(res, 404, 'text/plain; charset=utf-8', 'not found');
    return;
  }
  const reply = await match.route.handler({ req, res, url, params: match.params, state });
  if (reply === null) return;
  writeReply(res, reply, fault?.kind ?? null);
}

function findRoute(method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (m && route.method === method) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

function writeReply(res: ServerResponse, reply: Reply, fault: string | null): void {
  if (fault === 'bad_json') {
    sendRaw(res, reply.status, 'application/json', '{"this is": not json');
    return;
  }
  if (fault === 'wrong_schema') {
    sendJson(res, reply.status, { unexpected: ['shape'], status: 42 });
    return;
  }
  sendJson(res, reply.status, reply.body, reply.headers ?? {});
}
