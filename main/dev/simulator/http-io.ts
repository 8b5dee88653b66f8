import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ApiError, PlainTextRejection } from './api-error';

/** palyrad's DefaultBodyLimit on console routes (router.rs:150). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Security headers the console middleware adds to every admin/console response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export async function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    throw new PlainTextRejection(413, 'Failed to buffer the request body: length limit exceeded');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      req.resume();
      throw new PlainTextRejection(413, 'Failed to buffer the request body: length limit exceeded');
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Mirrors axum's `Json<T>` extractor: 415 without a JSON content type, 400 bad JSON, 422 bad shape. */
export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const body = await readBody(req);
  const type = String(req.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new PlainTextRejection(415, 'Expected request with `Content-Type: application/json`');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new PlainTextRejection(400, `Failed to parse the request body as JSON: ${(err as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid body';
    throw new PlainTextRejection(422, `Failed to deserialize the JSON body into the target type: ${where}`);
  }
  return result.data;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendRaw(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendFailure(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof ApiError) {
    sendJson(res, err.status, err.envelope());
  } else if (err instanceof PlainTextRejection) {
    sendRaw(res, err.status, 'text/plain; charset=utf-8', err.message);
  } else {
    sendJson(
      res,
      500,
      new ApiError(500, 'internal_error', 'internal', false, 'internal simulator error').envelope(),
    );
  }
}
