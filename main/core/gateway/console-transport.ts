import type { z } from 'zod';
import { HttpRequestError, openHttpStream, request, type HttpStream } from '../http/http-request';
import { CookieJar } from './cookie-jar';
import { badReply, errorFromReply, GatewayError, timedOut, unreachable } from './gateway-error';
import { consoleSessionSchema, type ConsoleSessionInfo } from './schemas';

export const SESSION_COOKIE = 'palyra_console_session';
export const CSRF_HEADER = 'x-palyra-csrf-token';
export const DESKTOP_PRINCIPAL = 'admin:desktop-control-center';
export const DESKTOP_DEVICE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
/**
 * The largest reply read: 2,000 approval records with their prompts are a few MiB; a reply this
 * large is not one the companion can use, and reading it unbounded could exhaust its memory.
 */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export interface ConsoleTransportOptions {
  /** e.g. `http://127.0.0.1:7142`. */
  baseUrl: string;
  /** Read when a login is needed; the token is never logged or put into an error. */
  getAdminToken: () => Promise<string>;
  principal?: string;
  deviceId?: string;
  channel?: string | null;
  /** Total time for one non-streaming call (headers and body). */
  requestTimeoutMs?: number;
}

export interface SendOptions {
  /** Needs a console session (cookie, and CSRF on non-GET). */
  auth: boolean;
  body?: unknown;
  timeoutMs?: number;
  /** Used for headers only; the caller owns reading the body. */
  signal?: AbortSignal;
}

/**
 * HTTP to the gateway's console API: keeps the session cookie and CSRF token, logs in when
 * needed, and on a 401/403 logs in again once and retries once (Palyra's client pattern).
 */
export class ConsoleTransport {
  baseUrl: string;
  private readonly jar = new CookieJar();
  private session: ConsoleSessionInfo | null = null;
  private loginInFlight: Promise<ConsoleSessionInfo> | null = null;
  private readonly requestTimeoutMs: number;
  loginCount = 0;

  constructor(private readonly options: ConsoleTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /** A JSON call whose reply is validated by `schema`. */
  async json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    opts: SendOptions,
  ): Promise<z.output<S>> {
    const what = `${method} ${path.split('?')[0]}`;
    const timeoutMs = opts.timeoutMs ?? this.requestTimeoutMs;
    const res = await this.send(method, path, { ...opts, timeoutMs, readBody: true });
    return parseReply(what, res.status, res.text, schema);
  }

  /** Opens a streaming POST; resolves once headers arrive with a 2xx (errors are thrown). */
  async openStream(
    path: string,
    body: unknown,
    signal: AbortSignal,
    headerTimeoutMs: number,
  ): Promise<HttpStream> {
    const res = await this.send('POST', path, {
      auth: true,
      body,
      signal,
      timeoutMs: headerTimeoutMs,
      readBody: false,
    });
    if (!res.stream) throw errorFromReply(res.status, res.text, `POST ${path}`);
    return res.stream;
  }

  /** The current console session, logging in if there is none. */
  async ensureSession(): Promise<ConsoleSessionInfo> {
    if (this.session && this.jar.get(SESSION_COOKIE) !== null) return this.session;
    return this.login();
  }

  /** Points the transport at another gateway (a connection-profile switch); forgets the session. */
  retarget(baseUrl: string): void {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.reset();
  }

  /** Forgets the session (e.g. after the gateway restarted). */
  reset(): void {
    this.session = null;
    this.jar.clear();
  }

  /** Logs in (deduplicated across concurrent callers). */
  login(): Promise<ConsoleSessionInfo> {
    this.loginInFlight ??= this.doLogin().finally(() => {
      this.loginInFlight = null;
    });
    return this.loginInFlight;
  }

  private async doLogin(): Promise<ConsoleSessionInfo> {
    this.session = null;
    this.jar.clear();
    let adminToken: string;
    try {
      adminToken = await this.options.getAdminToken();
    } catch (err) {
      throw new GatewayError(
        'admin_token_unavailable',
        'The admin token could not be read from the secret store',
        'Unlock the keychain, then press Check again in Setup.',
        { cause: err },
      );
    }
    const body = {
      admin_token: adminToken,
      principal: this.options.principal ?? DESKTOP_PRINCIPAL,
      device_id: this.options.deviceId ?? DESKTOP_DEVICE_ID,
      channel: this.options.channel ?? null,
    };
    const res = await this.send('POST', '/console/v1/auth/login', {
      auth: false,
      body,
      timeoutMs: this.requestTimeoutMs,
      readBody: true,
    });
    this.loginCount += 1;
    const session = parseReply('console login', res.status, res.text, consoleSessionSchema);
    if (this.jar.get(SESSION_COOKIE) === null) {
      throw badReply('console login', `no ${SESSION_COOKIE} cookie was set`, res.status);
    }
    this.session = session;
    return session;
  }

  private async send(
    method: string,
    path: string,
    opts: SendOptions & { timeoutMs: number; readBody: boolean },
  ): Promise<Reply> {
    const first = await this.attempt(method, path, opts);
    if (!opts.auth || (first.status !== 401 && first.status !== 403)) return first;
    // The session expired, the gateway restarted, or the CSRF token rotated: log in once, retry once.
    await this.login();
    return this.attempt(method, path, opts);
  }

  private async attempt(
    method: string,
    path: string,
    opts: SendOptions & { timeoutMs: number; readBody: boolean },
  ): Promise<Reply> {
    const what = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.auth) {
      const session = await this.ensureSession();
      if (method !== 'GET') headers[CSRF_HEADER] = session.csrf_token;
    }
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(opts.body);
    }
    const url = `${this.baseUrl}${path}`;
    // Redirects are never followed (node:http does not): a 3xx comes back as it is.
    const options = {
      method,
      headers,
      timeoutMs: opts.timeoutMs,
      maxBodyBytes: MAX_REPLY_BYTES,
      ...(payload !== undefined ? { body: payload } : {}),
      // For a stream, the caller's signal stays linked after the headers so it can abort the body.
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    try {
      if (!opts.readBody) {
        const stream = await openHttpStream(url, options);
        this.jar.store(stream.setCookie);
        if (stream.status >= 200 && stream.status < 300) return { status: stream.status, text: '', stream };
        const text = await stream.text();
        if (stream.status === 401 || stream.status === 403) this.session = null;
        return { status: stream.status, text, stream: null };
      }
      const reply = await request(url, options);
      this.jar.store(reply.setCookie);
      if (reply.status === 401 || reply.status === 403) this.session = null;
      return { status: reply.status, text: reply.text, stream: null };
    } catch (err) {
      if (err instanceof HttpRequestError && err.kind === 'timeout') throw timedOut(what, opts.timeoutMs);
      if (err instanceof HttpRequestError && err.kind === 'aborted') {
        throw new GatewayError(
          'request_aborted',
          `${what} was cancelled`,
          'Nothing to do; retry when needed.',
          {
            cause: err,
          },
        );
      }
      if (err instanceof HttpRequestError && err.kind === 'too_large')
        throw badReply(what, `the reply is larger than ${MAX_REPLY_BYTES / 2 ** 20} MiB`, null, err);
      throw unreachable(what, this.baseUrl, err);
    }
  }
}

/** What one exchange brought: a read body, or an open 2xx stream whose body the caller reads. */
interface Reply {
  status: number;
  text: string;
  stream: HttpStream | null;
}

/** Non-2xx → typed error; 2xx → JSON parsed and validated, or a typed bad-reply error. */
export function parseReply<S extends z.ZodType>(
  what: string,
  status: number,
  text: string,
  schema: S,
): z.output<S> {
  if (status < 200 || status >= 300) throw errorFromReply(status, text, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badReply(what, 'the body is not valid JSON', status, err);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'unexpected shape';
    throw badReply(what, `unexpected shape at ${where}`, status, parsed.error);
  }
  return parsed.data;
}
