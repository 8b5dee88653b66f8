import type { TokenAccount, TokenBackend } from '../../main/core/secrets/backends';

/** Stands in for the OS keychain where a test is about something else (the real one is tested in secrets/). */
export class MemoryKeychain implements TokenBackend {
  readonly values = new Map<TokenAccount, string>();

  async get(account: TokenAccount): Promise<string | null> {
    return this.values.get(account) ?? null;
  }

  async set(account: TokenAccount, value: string): Promise<void> {
    this.values.set(account, value);
  }
}
