// A tiny OpenAI-compatible model server on loopback, so the real palyrad's own policy raises real
// approvals: the first model call of a run answers with a `palyra.fs.apply_patch` tool call (a
// sensitive tool palyrad asks about every time), the call after the tool result with plain text.
// palyrad posts `<base_url>/chat/completions` with `"stream": false` and uses the tool call id as
// its proposal id, so the id is a 26-character ULID (see gateway-api.md, section 8).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function ulid(seq: number): string {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i += 1) {
    head = CROCKFORD[time % 32]! + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  let n = seq;
  for (let i = 0; i < 16; i += 1) {
    tail = CROCKFORD[n % 32]! + tail;
    n = Math.floor(n / 32);
  }
  return head + tail;
}

/**
 * The one API key this server's `GET /models` accepts (palyrad checks an OpenAI key that way before
 * it saves it: openai_auth.rs validate_openai_bearer_token); any other bearer gets 401.
 */
export const VALID_OPENAI_KEY = 'sk-conformance-valid-0123456789abcdef';

/** Marks a message whose model reply is held back (both targets: see the simulator's chat run). */
export const SLOW_MARK = '[slow]';
const SLOW_REPLY_MS = 8_000;

function respond(res: ServerResponse, seq: number, message: unknown, finishReason: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'conformance',
      choices: [{ index: 0, message, finish_reason: finishReason }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    }),
  );
}

export interface ModelServer {
  baseUrl: string;
  /** Chat completion requests received. */
  calls: number;
  /** API key checks (GET /models) received. */
  keyChecks: number;
  /** The environment that points palyrad at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startModelServer(): Promise<ModelServer> {
  let seq = 0;
  const state = { calls: 0, keyChecks: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.endsWith('/models')) {
        state.keyChecks += 1;
        const good = req.headers.authorization === `Bearer ${VALID_OPENAI_KEY}`;
        res.writeHead(good ? 200 : 401, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            good
              ? { object: 'list', data: [{ id: 'conformance', object: 'model', owned_by: 'tests' }] }
              : {
                  error: {
                    message: 'Incorrect API key provided.',
                    type: 'invalid_request_error',
                    code: 'invalid_api_key',
                  },
                },
          ),
        );
        return;
      }
      if (!req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      state.calls += 1;
      const request = JSON.parse(body || '{}') as { messages?: { role?: string; content?: unknown }[] };
      const afterTool = (request.messages ?? []).some((m) => m.role === 'tool');
      // A message marked [slow] gets a plain reply after SLOW_REPLY_MS: a run to kill mid-stream.
      if (JSON.stringify(request.messages ?? []).includes(SLOW_MARK)) {
        setTimeout(
          () => respond(res, seq++, { role: 'assistant', content: 'slow reply' }, 'stop'),
          SLOW_REPLY_MS,
        );
        return;
      }
      seq += 1;
      const message = afterTool
        ? { role: 'assistant', content: 'patch handled' }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: ulid(seq),
                type: 'function',
                function: {
                  name: 'palyra.fs.apply_patch',
                  arguments: JSON.stringify({
                    patch: `*** Begin Patch\n*** Add File: conformance-${seq}.txt\n+hello\n*** End Patch\n`,
                    dry_run: true,
                  }),
                },
              },
            ],
          };
      respond(res, seq, message, afterTool ? 'stop' : 'tool_calls');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    baseUrl,
    get calls() {
      return state.calls;
    },
    get keyChecks() {
      return state.keyChecks;
    },
    env: {
      PALYRA_MODEL_PROVIDER_KIND: 'openai_compatible',
      PALYRA_MODEL_PROVIDER_OPENAI_BASE_URL: baseUrl,
      PALYRA_MODEL_PROVIDER_ALLOW_PRIVATE_BASE_URL: 'true',
      PALYRA_MODEL_PROVIDER_OPENAI_MODEL: 'conformance',
      PALYRA_MODEL_PROVIDER_OPENAI_API_KEY: 'conformance-key',
      PALYRA_TOOL_CALL_ALLOWED_TOOLS: 'palyra.fs.apply_patch',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
