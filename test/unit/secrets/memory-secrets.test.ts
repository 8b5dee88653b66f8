import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStore } from '../../../main/core/secrets/secret-store';
import { TOKEN_PATTERN } from '../../../main/core/secrets/token';

describe('SecretStore in demo mode (memory only)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('mints throwaway tokens without a keychain or the file fallback, and writes nothing', async () => {
    const stateRoot = mkdtempSync(join(tmpdir(), 'companion-memory-secrets-'));
    dirs.push(stateRoot);
    // No D-Bus session bus and the insecure file not accepted: the real keychain would refuse.
    const store = new SecretStore({ stateRoot, insecureAccepted: () => false, memoryOnly: true });
    const tokens = await store.ensureTokens();
    expect(tokens.adminToken).toMatch(TOKEN_PATTERN);
    expect(tokens.browserAuthToken).toMatch(TOKEN_PATTERN);
    expect(await store.ensureTokens()).toEqual(tokens);
    expect(store.status()).toMatchObject({ backend: 'memory', insecure: false, error: null });
    expect(existsSync(store.insecureFilePath)).toBe(false);
    expect(readdirSync(stateRoot)).toEqual([]);
    // Another run gets new ones: nothing persisted them.
    const next = new SecretStore({ stateRoot, insecureAccepted: () => false, memoryOnly: true });
    expect((await next.ensureTokens()).adminToken).not.toBe(tokens.adminToken);
  });
});
