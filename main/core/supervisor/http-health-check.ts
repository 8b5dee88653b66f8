// One GET /healthz. Healthy = 2xx, JSON `status` equal to "ok" (case-insensitive), and when an
// expected service name is given, the `service` field matches it (a different program on the
// port is not our daemon, however healthy it says it is). With `json: false` (extra sidecars
// whose health page is plain text) any 2xx is healthy. Over node:http, not fetch (see
// core/http/http-request.ts: fetch alone kept ~9 MiB resident).
import { HttpRequestError, request } from '../http/http-request';

/** A health reply is a few hundred bytes; anything this large is not one. */
const MAX_HEALTH_BODY_BYTES = 64 * 1024;

export interface HttpHealthResult {
  ok: boolean;
  latencyMs: number;
  detail?: string;
  version: string | null;
}

export async function checkHttpHealth(
  url: string,
  expectService: string | undefined,
  timeoutMs: number,
  json = true,
): Promise<HttpHealthResult> {
  const started = performance.now();
  const latency = (): number => Math.round((performance.now() - started) * 100) / 100;
  try {
    const res = await request(url, { timeoutMs, maxBodyBytes: MAX_HEALTH_BODY_BYTES });
    const text = res.text;
    if (res.status < 200 || res.status > 299)
      return { ok: false, latencyMs: latency(), detail: `HTTP ${res.status}`, version: null };
    if (!json) return { ok: true, latencyMs: latency(), version: null };
    let body: { status?: unknown; service?: unknown; version?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, latencyMs: latency(), detail: 'health reply is not JSON', version: null };
    }
    const version = typeof body.version === 'string' ? body.version : null;
    if (expectService !== undefined && body.service !== expectService) {
      return {
        ok: false,
        latencyMs: latency(),
        detail: `answering as '${String(body.service)}', not ${expectService}`,
        version,
      };
    }
    if (typeof body.status !== 'string' || body.status.toLowerCase() !== 'ok') {
      return {
        ok: false,
        latencyMs: latency(),
        detail: `status is ${JSON.stringify(body.status ?? null)}`,
        version,
      };
    }
    return { ok: true, latencyMs: latency(), version };
  } catch (err) {
    // As it read with fetch: the system error code (ECONNREFUSED, …) when there is one.
    let detail = String(err);
    if (err instanceof HttpRequestError)
      detail = err.kind === 'timeout' ? `no reply within ${timeoutMs} ms` : (err.causeCode ?? err.message);
    return { ok: false, latencyMs: latency(), detail, version: null };
  }
}
