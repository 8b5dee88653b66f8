// The two places a token can live: the OS keychain (preferred) and the explicitly accepted 0600
// file fallback. Both speak the same small interface so SecretStore does not care which.
import type { AsyncEntry } from '@napi-rs/keyring';
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../state/atomic-file';

export type TokenAccount = 'admin_token' | 'browser_auth_token';
export const TOKEN_ACCOUNTS: readonly TokenAccount[] = ['admin_token', 'browser_auth_token'];
export const KEYCHAIN_SERVICE = 'palyra-companion';

export interface TokenBackend {
  get(account: TokenAccount): Promise<string | null>;
  set(account: TokenAccount, value: string): Promise<void>;
}

/**
 * OS keychain via @napi-rs/keyring. On Linux it is pinned to the Secret Service: the library's
 * default silently falls back to the kernel keyring, which does not survive a reboot.
 */
export class KeychainBackend implements TokenBackend {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  private entry(account: TokenAccount): AsyncEntry {
    // The native addon is loaded on the first keychain access, not with the module: demo mode and
    // the file fallback never touch it, and a companion holding its tokens reads them once.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const keyring = require('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
    return new keyring.AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
  }

  async get(account: TokenAccount): Promise<string | null> {
    const value = await this.entry(account).getPassword();
    return value && value.trim() !== '' ? value : null;
  }

  async set(account: TokenAccount, value: string): Promise<void> {
    await this.entry(account).setPassword(value);
  }
}

export const INSECURE_FILE_WARNING =
  'Palyra Companion secrets stored in plaintext because no OS keychain was available; the operator accepted this. Anyone who can read this file can control the Palyra gateway.';

/** The documented fallback: a 0600 JSON file, only ever used after the operator accepted it. */
export class InsecureFileBackend implements TokenBackend {
  constructor(readonly path: string) {}

  private async read(): Promise<Partial<Record<TokenAccount, string>>> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    // Someone loosened the mode: tighten it again before trusting the file further.
    const stat = await fs.stat(this.path);
    if ((stat.mode & 0o077) !== 0) await fs.chmod(this.path, 0o600);
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const out: Partial<Record<TokenAccount, string>> = {};
      for (const account of TOKEN_ACCOUNTS) {
        const v = parsed[account];
        if (typeof v === 'string' && v.trim() !== '') out[account] = v;
      }
      return out;
    } catch {
      return {};
    }
  }

  async get(account: TokenAccount): Promise<string | null> {
    return (await this.read())[account] ?? null;
  }

  async set(account: TokenAccount, value: string): Promise<void> {
    const current = await this.read();
    current[account] = value;
    await writeFileAtomic(
      this.path,
      `${JSON.stringify({ warning: INSECURE_FILE_WARNING, ...current }, null, 2)}\n`,
      0o600,
    );
  }

  async remove(): Promise<void> {
    await fs.rm(this.path, { force: true });
  }
}
