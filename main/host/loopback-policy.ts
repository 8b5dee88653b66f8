// Which addresses the host binds and which Host/Origin headers it trusts. The browser enforces
// nothing for us on loopback: a page on any site can point its own DNS name at 127.0.0.1
// (rebinding) or open a WebSocket to us, so every request is checked against the exact port.
import { CompanionError } from '../core/errors';

const LOOPBACK_BIND_ADDRESSES = new Set(['127.0.0.1']);

export function assertLoopbackBind(host: string): void {
  if (!LOOPBACK_BIND_ADDRESSES.has(host)) {
    throw new CompanionError(
      'non_loopback_bind',
      `Refusing to serve the companion on ${JSON.stringify(host)}: it only listens on 127.0.0.1.`,
      'To reach it from another machine, forward the port over SSH (ssh -L <port>:127.0.0.1:<port>).',
    );
  }
}

export class LoopbackPolicy {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(port: number) {
    const names = ['127.0.0.1', 'localhost', '[::1]'];
    this.hosts = new Set(names.map((name) => `${name}:${port}`));
    this.origins = new Set(names.map((name) => `http://${name}:${port}`));
  }

  /** DNS rebinding guard: the Host header must name loopback with our port. */
  isAllowedHost(host: string | undefined): boolean {
    return typeof host === 'string' && this.hosts.has(host.toLowerCase());
  }

  isAllowedOrigin(origin: string): boolean {
    return this.origins.has(origin.toLowerCase());
  }

  /** The WebSocket origins the page may connect to, for the CSP's connect-src. */
  webSocketOrigins(): string[] {
    return [...this.hosts].map((host) => `ws://${host}`);
  }
}
