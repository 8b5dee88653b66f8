// Reads a bounded JSON request body. Oversized bodies are refused from Content-Length when it is
// declared, and cut off mid-stream when it is not, so memory stays bounded either way.
import type { IncomingMessage } from 'node:http';
import type { ActionableError } from '../contract/model';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly error: ActionableError,
  ) {
    super(error.message);
  }
}

function tooLarge(maxBytes: number): BodyError {
  return new BodyError(413, {
    code: 'body_too_large',
    message: `The request body is larger than ${maxBytes} bytes.`,
    hint: 'Send a smaller request.',
  });
}

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: BodyError): void => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        fail(tooLarge(maxBytes));
        // Stop reading; the 413 is sent with Connection: close and the socket is dropped after it.
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () =>
      fail(
        new BodyError(400, {
          code: 'body_aborted',
          message: 'The request body was interrupted.',
          hint: 'Retry the request.',
        }),
      ),
    );
    req.on('end', () => {
      if (settled) return;
      settled = true;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(
          new BodyError(400, {
            code: 'invalid_json',
            message: 'The request body is not valid JSON.',
            hint: 'Send {"name": "<call>", "params": {…}} as application/json.',
          }),
        );
      }
    });
  });
}
