import { authorize } from './auth-routes';
import type { Reply, Route, RouteRequest } from './simulator-state';

async function health(r: RouteRequest): Promise<Reply> {
  return {
    status: 200,
    body: {
      service: 'palyrad',
      status: 'ok',
      version: r.state.config.version,
      git_hash: r.state.config.gitHash,
      build_profile: 'debug',
      uptime_seconds: Math.floor((Date.now() - r.state.startedAtMs) / 1000),
    },
  };
}

async function diagnostics(r: RouteRequest): Promise<Reply> {
  authorize(r, { csrf: false });
  return {
    status: 200,
    body: {
      generated_at_unix_ms: Date.now(),
      model_provider: { kind: 'deterministic', model: 'echo', healthy: true },
      rate_limits: { admin_api_max_requests_per_window: r.state.config.loopbackRateLimit, window_ms: 1000 },
      auth_profiles: { total: 0, healthy: 0 },
      browserd: { enabled: false, endpoint: 'http://127.0.0.1:7543', healthy: null },
      approvals: { pending: r.state.approvals.pendingCount() },
    },
  };
}

async function inventory(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: false });
  const now = Date.now();
  return {
    status: 200,
    body: {
      contract: { contract_version: 'control-plane.v1' },
      generated_at_unix_ms: now,
      summary: {
        devices: 1,
        trusted_devices: 1,
        pending_pairings: 0,
        ok_devices: 1,
        stale_devices: 0,
        degraded_devices: 0,
        offline_devices: 0,
      },
      devices: [
        {
          device_id: session.deviceId,
          client_kind: 'desktop',
          platform: process.platform,
          trust_state: 'trusted',
          presence_state: 'ok',
          last_seen_at_unix_ms: now,
          heartbeat_age_ms: 0,
          capabilities: [],
        },
      ],
      pending_pairings: [],
      instances: [],
      page: { limit: 16, returned: 1, has_more: false },
    },
  };
}

export const statusRoutes: Route[] = [
  { method: 'GET', pattern: /^\/healthz$/, handler: health },
  { method: 'GET', pattern: /^\/console\/v1\/diagnostics$/, handler: diagnostics },
  { method: 'GET', pattern: /^\/console\/v1\/inventory$/, handler: inventory },
];
