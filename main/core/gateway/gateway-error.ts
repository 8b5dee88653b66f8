import { CompanionError, type ErrorParams } from '../errors';
import { errorEnvelopeSchema } from './schemas';

/** A failed gateway call: what the gateway (or the wire) said, plus what the operator can do. */
export class GatewayError extends CompanionError {
  /** HTTP status, when the gateway answered at all. */
  readonly status: number | null;
  /** The envelope's category (auth, validation, policy, …), when there was one. */
  readonly category: string | null;
  readonly retryable: boolean;
  /** The gateway's own code (`forbidden`, `rate_limited`, …), when there was one. */
  readonly gatewayCode: string | null;

  constructor(
    code: string,
    message: string,
    hint: string,
    details: {
      status?: number | null;
      category?: string | null;
      retryable?: boolean;
      gatewayCode?: string | null;
      cause?: unknown;
      params?: ErrorParams;
    } = {},
  ) {
    super(code, message, hint, {
      cause: details.cause,
      ...(details.params ? { params: details.params } : {}),
    });
    this.name = 'GatewayError';
    this.status = details.status ?? null;
    this.category = details.category ?? null;
    this.retryable = details.retryable ?? false;
    this.gatewayCode = details.gatewayCode ?? null;
  }
}

const MAX_DETAIL = 300;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL ? `${oneLine.slice(0, MAX_DETAIL)}…` : oneLine;
}

const STATUS_ADVICE: Record<number, { code: string; hint: string }> = {
  400: {
    code: 'gateway_bad_request',
    hint: 'The gateway rejected the request as invalid; check the input and try again.',
  },
  401: {
    code: 'gateway_auth_rejected',
    hint: 'The admin token was refused; make sure the companion and palyrad share the same PALYRA_ADMIN_TOKEN (restart the gateway from the companion).',
  },
  403: {
    code: 'console_session_rejected',
    hint: 'The console session or CSRF token was refused; the companion signs in again automatically — retry, and restart the gateway if it persists.',
  },
  404: {
    code: 'gateway_not_found',
    hint: 'The item no longer exists on the gateway; refresh and try again.',
  },
  412: {
    code: 'gateway_precondition_failed',
    hint: 'The gateway is not configured for console login; set PALYRA_ADMIN_BOUND_PRINCIPAL=admin:desktop-control-center and restart it.',
  },
  413: {
    code: 'payload_too_large',
    hint: 'The request is larger than the gateway’s 64 KiB limit; shorten the message.',
  },
  415: {
    code: 'gateway_bad_request',
    hint: 'The gateway did not accept the request format; update the companion.',
  },
  422: {
    code: 'gateway_bad_request',
    hint: 'The gateway could not read the request body; update the companion.',
  },
  429: { code: 'rate_limited', hint: 'The gateway is rate limiting requests; wait a second and retry.' },
  503: {
    code: 'gateway_unavailable',
    hint: 'The gateway is not ready; wait for it to become healthy and retry.',
  },
};

/** Turns a non-2xx reply (envelope JSON or axum's plain text) into an actionable GatewayError. */
export function errorFromReply(status: number, bodyText: string, what: string): GatewayError {
  let envelope: ReturnType<typeof errorEnvelopeSchema.parse> | null = null;
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) envelope = parsed.data;
  } catch {
    envelope = null;
  }
  const advice = STATUS_ADVICE[status] ?? {
    code: status >= 500 ? 'gateway_internal_error' : 'gateway_request_failed',
    hint:
      status >= 500
        ? 'The gateway failed internally; check its logs in the companion and retry.'
        : 'The gateway refused the request; check its logs in the companion.',
  };
  const detail = envelope
    ? envelope.error
    : bodyText.trim()
      ? clip(bodyText)
      : `HTTP ${status} with an empty body`;
  const fields = envelope?.validation_errors?.map((v) => v.field).filter(Boolean) ?? [];
  const suffix = fields.length > 0 ? ` (fields: ${fields.join(', ')})` : '';
  return new GatewayError(advice.code, `${what} failed: ${clip(detail)}${suffix}`, advice.hint, {
    status,
    category: envelope?.category ?? null,
    retryable: envelope?.retryable ?? (status === 429 || status === 503),
    gatewayCode: envelope?.code ?? null,
  });
}

export function badReply(
  what: string,
  problem: string,
  status: number | null,
  cause?: unknown,
): GatewayError {
  return new GatewayError(
    'gateway_bad_reply',
    `${what}: the gateway sent a reply the companion cannot read (${clip(problem)})`,
    'The gateway and companion versions may not match; update one of them, or restart the gateway.',
    { status, retryable: false, cause },
  );
}

export function unreachable(what: string, baseUrl: string, cause: unknown): GatewayError {
  const reason = cause instanceof Error ? (causeCode(cause) ?? cause.message) : String(cause);
  return new GatewayError(
    'gateway_unreachable',
    `${what}: cannot reach the gateway at ${baseUrl} (${reason})`,
    'Start the gateway from the companion (or check that palyrad is running on that port) and retry.',
    { retryable: true, cause },
  );
}

export function timedOut(what: string, ms: number): GatewayError {
  return new GatewayError(
    'gateway_timeout',
    `${what}: the gateway did not answer within ${Math.round(ms / 1000)} s`,
    'The gateway may be overloaded or stuck; wait and retry, or restart it from the companion.',
    { retryable: true },
  );
}

function causeCode(err: Error): string | null {
  const inner = (err as { cause?: unknown }).cause;
  if (inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string')
    return inner.code;
  return null;
}
