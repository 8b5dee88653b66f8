// palyrad's admin/console limiter (middleware.rs:146-215): a fixed 1 s window per client IP,
// 120 requests for loopback and 30 for anything else.
export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly loopbackLimit: number,
    private readonly remoteLimit = 30,
    private readonly windowMs = 1000,
  ) {}

  /** True when the request may pass. */
  admit(ip: string, now = Date.now()): boolean {
    const limit = isLoopback(ip) ? this.loopbackLimit : this.remoteLimit;
    const current = this.windows.get(ip);
    if (!current || now - current.startMs >= this.windowMs) {
      this.windows.set(ip, { startMs: now, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= limit;
  }
}

export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

/** Loopback callers skip the limiter for the auth bootstrap routes (middleware.rs:127-144). */
export function isRateLimitExempt(method: string, path: string): boolean {
  return (
    (method === 'POST' && path === '/console/v1/auth/login') ||
    (method === 'GET' && path === '/console/v1/auth/session') ||
    (method === 'POST' && path === '/console/v1/auth/browser-handoff') ||
    (method === 'GET' && path === '/console/v1/auth/browser-handoff/consume') ||
    (method === 'POST' && path === '/console/v1/auth/browser-handoff/session')
  );
}
