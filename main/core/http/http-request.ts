// One HTTP exchange over node:http (node:https for https: URLs), for the health probes and the
// gateway client. Global `fetch` would do the same job, but its first use loads undici, its llhttp
// WebAssembly and a dozen Node modules it depends on (tls, http2, zlib, worker_threads, …): about
// 9 MiB that stayed resident in an otherwise idle companion. node:http is loaded anyway (the host
// serves the UI with it).
//
// Semantics kept from how the callers used fetch: redirects are never followed (a 3xx is returned
// as it is, like `redirect: 'manual'`), connections are kept alive through Node's global agent (as
// undici's pool did), and no Accept-Encoding is sent, so replies arrive uncompressed.
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpRequest } from 'node:http';

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as UTF-8 with its Content-Length. */
  body?: string;
  /** Aborts the exchange at any point, the body of an opened stream included. */
  signal?: AbortSignal;
  /** Bounds the whole exchange: for `httpRequest` headers and body, for `openHttpStream` the headers. */
  timeoutMs?: number;
  /** Largest body `httpRequest` reads; a longer one fails with kind `too_large`. */
  maxBodyBytes?: number;
}

export interface HttpHead {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every Set-Cookie header, in order. */
  setCookie: string[];
}

export interface HttpReply extends HttpHead {
  text: string;
}

export interface HttpStream extends HttpHead {
  /** The body as it arrives; iterating it throws when the connection breaks or the signal aborts. */
  body: AsyncIterable<Buffer>;
  /** Reads and returns the rest of the body as text (for an error reply). */
  text(): Promise<string>;
  /** Drops the connection (the body is not wanted any more). */
  close(): void;
}

export type HttpFailureKind = 'timeout' | 'aborted' | 'too_large' | 'network';

/**
 * Why an exchange failed. For `network`, `cause` is Node's own error (its `code` says what:
 * ECONNREFUSED, ECONNRESET, …), where fetch put it too, so messages built from `cause.code` read
 * the same as before.
 */
export class HttpRequestError extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpRequestError';
  }

  /** The system error code (ECONNREFUSED, …) of a network failure, else null. */
  get causeCode(): string | null {
    const cause = this.cause as { code?: unknown } | undefined;
    return typeof cause?.code === 'string' ? cause.code : null;
  }
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

type RequestFn = typeof httpRequest;

function requestFor(url: URL): RequestFn {
  if (url.protocol === 'http:') return httpRequest;
  if (url.protocol === 'https:') {
    // Only a remote gateway profile or an extra sidecar's health URL can be https: load TLS then.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:https') as typeof import('node:https')).request;
  }
  const cause = Object.assign(new Error(`unsupported protocol ${url.protocol}`), {
    code: 'ERR_INVALID_PROTOCOL',
  });
  throw new HttpRequestError('network', cause.message, { cause });
}

function asFailure(err: Error): HttpRequestError {
  return err instanceof HttpRequestError ? err : new HttpRequestError('network', err.message, { cause: err });
}

interface Exchange {
  /** The response, once its headers arrived. */
  response: Promise<IncomingMessage>;
  /** Ends the exchange with `err`: the pending promise rejects, the body's reader gets `err`. */
  fail(err: HttpRequestError): void;
  /** Headers are in: the header timeout no longer applies (the signal still does). */
  stopTimer(): void;
  /** The exchange is over: detaches from the signal. */
  finish(): void;
}

function send(url: string, options: HttpRequestOptions): Exchange {
  let finished = false;
  let timer: NodeJS.Timeout | null = null;
  let req: ClientRequest | null = null;
  let res: IncomingMessage | null = null;
  let reject: (err: Error) => void = () => undefined;
  const stopTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const finish = (): void => {
    finished = true;
    stopTimer();
    options.signal?.removeEventListener('abort', onAbort);
  };
  const fail = (err: HttpRequestError): void => {
    if (finished) return;
    finish();
    reject(err);
    res?.destroy(err);
    req?.destroy(err);
  };
  const onAbort = (): void => fail(new HttpRequestError('aborted', 'the request was aborted'));

  const response = new Promise<IncomingMessage>((resolve, rejectResponse) => {
    reject = rejectResponse;
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    try {
      const target = new URL(url);
      const method = options.method ?? 'GET';
      const headers: Record<string, string | number> = { ...options.headers };
      const payload = options.body === undefined ? null : Buffer.from(options.body, 'utf8');
      // As fetch sent them: the body's length, and 0 for a body-less POST.
      if (payload) headers['content-length'] = payload.length;
      else if (method !== 'GET' && method !== 'HEAD') headers['content-length'] = 0;
      const requestOptions: RequestOptions = { method, headers };
      req = requestFor(target)(target, requestOptions);
      req.on('error', (err) => fail(asFailure(err)));
      req.on('response', (incoming) => {
        res = incoming;
        // Errors of the body reach whoever reads it (readText, the stream's iterator); without a
        // listener of our own, one before the reader attaches would be an uncaught 'error' event.
        incoming.on('error', () => undefined);
        resolve(incoming);
      });
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => fail(new HttpRequestError('timeout', `no reply within ${ms} ms`)), ms);
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      req.end(payload ?? undefined);
    } catch (err) {
      // A malformed URL or an unsupported protocol.
      fail(asFailure(err as Error));
    }
  });
  return { response, fail, stopTimer, finish };
}

function head(res: IncomingMessage): HttpHead {
  return { status: res.statusCode ?? 0, headers: res.headers, setCookie: res.headers['set-cookie'] ?? [] };
}

/** Reads the rest of a body as UTF-8; past `maxBytes` the exchange fails with `too_large`. */
function readText(
  res: IncomingMessage,
  maxBytes: number,
  fail: (err: HttpRequestError) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      const err = new HttpRequestError('too_large', `the reply is larger than ${maxBytes} bytes`);
      reject(err);
      fail(err);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A timeout or abort destroys the response with its HttpRequestError; a connection that broke
    // mid-body ("aborted", ECONNRESET) is a network failure.
    res.on('error', (err) => reject(asFailure(err)));
  });
}

/** One request with its body read in full. Rejects with HttpRequestError only. */
export async function request(url: string, options: HttpRequestOptions = {}): Promise<HttpReply> {
  const exchange = send(url, options);
  try {
    const res = await exchange.response;
    const text = await readText(res, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, exchange.fail);
    return { ...head(res), text };
  } finally {
    exchange.finish();
  }
}

/**
 * A request whose body is read as it arrives (the chat's NDJSON stream). The timeout covers the
 * headers only; the signal goes on covering the body until it ends or `close()` is called.
 */
export async function openHttpStream(url: string, options: HttpRequestOptions = {}): Promise<HttpStream> {
  const exchange = send(url, options);
  const res = await exchange.response;
  exchange.stopTimer();
  res.once('close', exchange.finish);
  return {
    ...head(res),
    body: res,
    text: () => readText(res, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, exchange.fail),
    close: () => {
      exchange.finish();
      res.destroy();
    },
  };
}
