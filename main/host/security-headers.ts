// Headers on every response. The CSP keeps the token-bearing page from loading or talking to
// anything but this host; no-referrer keeps the token in the page URL out of any Referer.
import type { ServerResponse } from 'node:http';

export function contentSecurityPolicy(webSocketOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Svelte sets style attributes for transitions; inline styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${webSocketOrigins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export class SecurityHeaders {
  private readonly csp: string;

  constructor(webSocketOrigins: readonly string[]) {
    this.csp = contentSecurityPolicy(webSocketOrigins);
  }

  apply(res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', this.csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), geolocation=(), payment=(), usb=()');
  }
}
