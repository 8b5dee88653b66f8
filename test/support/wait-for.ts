// The one polling helper for tests, benches and the e2e harness: they never sleep for a fixed time.

export interface WaitForOptions {
  /** Pause between probes. */
  intervalMs?: number;
  /**
   * Treat a throwing probe as "not yet" (e.g. a server that is still starting refuses the
   * connection) and name its last error on timeout. Off: the first error fails the wait at once.
   */
  retryOnError?: boolean;
}

/** Polls `probe` until it returns something truthy; fails naming `label` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  label: string,
  timeoutMs = 20_000,
  { intervalMs = 50, retryOnError = false }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = null;
    } catch (err) {
      if (!retryOnError) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Retries an assertion (a `check` that throws until it holds) every 10 ms; after `timeoutMs` it
 * rethrows the assertion's own last error, so the test report shows the real expected/actual diff.
 */
export async function waitForAssertion(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
