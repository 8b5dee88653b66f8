// The few response shapes the host sends. Error bodies are ActionableErrors so a script calling
// /api/call can show the operator what to do.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ActionableError } from '../contract/model';

/** A refused request (bad token, wrong host, …) closes its connection: no keep-alive for rejects. */
function closeIfRefused(res: ServerResponse, status: number): void {
  if (status >= 400) res.setHeader('Connection', 'close');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  closeIfRefused(res, status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: ActionableError): void {
  sendJson(res, status, { ok: false, error });
}

/** A short plain page for browser-facing failures (e.g. the page opened without its token). */
export function sendPage(res: ServerResponse, status: number, title: string, detail: string): void {
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><h1>${escape(title)}</h1><p>${escape(detail)}</p></body></html>`;
  res.statusCode = status;
  closeIfRefused(res, status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(html));
  res.end(html);
}

/** Refuses a WebSocket upgrade before any handshake, on the raw socket. */
export function refuseUpgrade(socket: Socket, status: number, reason: string, body: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
