// Demo mode's token store: the simulator's throwaway tokens live in this process only and are
// never written anywhere, so the demo needs no keychain and no file fallback on any box.
import type { TokenAccount, TokenBackend } from './backends';

export class MemoryTokenBackend implements TokenBackend {
  private readonly values = new Map<TokenAccount, string>();

  get(account: TokenAccount): Promise<string | null> {
    return Promise.resolve(this.values.get(account) ?? null);
  }

  set(account: TokenAccount, value: string): Promise<void> {
    this.values.set(account, value);
    return Promise.resolve();
  }
}
