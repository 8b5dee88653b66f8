// Gives core the admin and browser tokens: read from the OS keychain, or minted and stored there
// on first use. Without a usable keychain it refuses, with an explanation, until the operator
// explicitly accepts the 0600 file fallback. Tokens never go to state.json, logs or the UI.
import { join } from 'node:path';
import type { KeychainStatus } from '../../contract/model';
import { CompanionError } from '../errors';
import { companionDir } from '../state/paths';
import {
  InsecureFileBackend,
  KeychainBackend,
  TOKEN_ACCOUNTS,
  type TokenAccount,
  type TokenBackend,
} from './backends';
import { MemoryTokenBackend } from './memory-backend';
import { generateToken } from './token';

export interface CompanionTokens {
  adminToken: string;
  browserAuthToken: string;
}

export interface SecretStoreOptions {
  stateRoot: string;
  /** state.insecureSecretStoreAccepted, read at call time so acceptance applies at once. */
  insecureAccepted: () => boolean;
  keychain?: TokenBackend;
  /**
   * Demo mode: throwaway tokens kept in memory only (the `keychain` option, when given, stands in
   * for that memory). Never falls back to the file and never touches the OS keychain.
   */
  memoryOnly?: boolean;
  now?: () => number;
}

export type LegacyTokens = { adminToken?: string; browserAuthToken?: string };

const legacyField: Record<TokenAccount, keyof LegacyTokens> = {
  admin_token: 'adminToken',
  browser_auth_token: 'browserAuthToken',
};

/** Turns a keyring failure into words an operator can act on (no secret is ever in these errors). */
export function explainKeychainFailure(err: unknown): CompanionError {
  const raw = err instanceof Error ? err.message : String(err);
  let message: string;
  if (/DBUS_SESSION_BUS_ADDRESS|Failed to connect|autolaunch|No such file or directory/i.test(raw)) {
    message = 'No D-Bus session bus is reachable, so the system keychain (Secret Service) cannot be used.';
  } else if (/no result found|locked|prompt|dismissed/i.test(raw)) {
    message = 'The system keychain has no unlocked keyring to store the companion tokens in.';
  } else {
    message = `The system keychain refused to store the companion tokens (${raw.slice(0, 200)}).`;
  }
  return new CompanionError(
    'keychain_unavailable',
    message,
    'Start and unlock a Secret Service keyring (e.g. gnome-keyring or KeePassXC) and press Check again in Setup, or accept the insecure file store there.',
    { cause: err },
  );
}

export class SecretStore {
  readonly insecureFilePath: string;
  private readonly keychain: TokenBackend;
  private readonly file: InsecureFileBackend;
  private current: KeychainStatus = {
    backend: 'unavailable',
    insecure: false,
    detail: 'The keychain has not been checked yet.',
    error: null,
  };
  private cached: CompanionTokens | null = null;
  private inFlight: Promise<CompanionTokens> | null = null;

  constructor(private readonly options: SecretStoreOptions) {
    this.insecureFilePath = join(companionDir(options.stateRoot), 'secrets.insecure.json');
    this.keychain =
      options.keychain ?? (options.memoryOnly ? new MemoryTokenBackend() : new KeychainBackend());
    this.file = new InsecureFileBackend(this.insecureFilePath);
  }

  status(): KeychainStatus {
    return this.current;
  }

  /** Existing tokens, or new ones generated and stored. Concurrent callers share one attempt. */
  ensureTokens(legacy: LegacyTokens = {}): Promise<CompanionTokens> {
    if (this.cached) return Promise.resolve(this.cached);
    if (!this.inFlight) {
      this.inFlight = this.resolveTokens(legacy).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** Forgets the cached result so the next ensureTokens re-checks the keychain (Setup's Check again). */
  recheck(): void {
    this.cached = null;
  }

  private async resolveTokens(legacy: LegacyTokens): Promise<CompanionTokens> {
    if (this.options.memoryOnly) {
      // Nothing to adopt: demo tokens are born and die with this process.
      const tokens = await this.loadOrCreate(this.keychain, {}, false);
      this.current = {
        backend: 'memory',
        insecure: false,
        detail: 'Demo mode: throwaway tokens are kept in memory only and never stored.',
        error: null,
      };
      this.cached = tokens;
      return tokens;
    }
    let keychainError: CompanionError;
    try {
      const tokens = await this.loadOrCreate(this.keychain, legacy, true);
      this.current = {
        backend: 'os-keychain',
        insecure: false,
        detail: 'Tokens are stored in the system keychain.',
        error: null,
      };
      // Once the keychain works again, the plaintext fallback has no reason to exist.
      await this.file.remove().catch(() => undefined);
      this.cached = tokens;
      return tokens;
    } catch (err) {
      keychainError = explainKeychainFailure(err);
    }

    if (!this.options.insecureAccepted()) {
      this.current = {
        backend: 'unavailable',
        insecure: false,
        detail: `${keychainError.message} Tokens were not stored anywhere.`,
        error: keychainError.toJSON(),
      };
      throw keychainError;
    }

    try {
      const tokens = await this.loadOrCreate(this.file, legacy, false);
      this.current = {
        backend: 'insecure-file',
        insecure: true,
        detail: `${keychainError.message} As you accepted, tokens are kept in the owner-only (0600) file ${this.insecureFilePath}, which is not encrypted.`,
        error: null,
      };
      this.cached = tokens;
      return tokens;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
      const fileError = new CompanionError(
        'secret_file_unwritable',
        `Could not write the insecure token file ${this.insecureFilePath} (${code}).`,
        'Make the companion state directory writable, or set up a system keychain, then press Check again in Setup.',
        { cause: err },
      );
      this.current = {
        backend: 'unavailable',
        insecure: false,
        detail: fileError.message,
        error: fileError.toJSON(),
      };
      throw fileError;
    }
  }

  private async loadOrCreate(
    backend: TokenBackend,
    legacy: LegacyTokens,
    adoptFromFile: boolean,
  ): Promise<CompanionTokens> {
    const values: Partial<Record<TokenAccount, string>> = {};
    for (const account of TOKEN_ACCOUNTS) {
      let value = await backend.get(account);
      if (value === null) {
        const fromFile = adoptFromFile ? await this.file.get(account).catch(() => null) : null;
        value = legacy[legacyField[account]] ?? fromFile ?? generateToken(this.options.now?.() ?? Date.now());
        await backend.set(account, value);
      }
      values[account] = value;
    }
    return { adminToken: values.admin_token!, browserAuthToken: values.browser_auth_token! };
  }
}
