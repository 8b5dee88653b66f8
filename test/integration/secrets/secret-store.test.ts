import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_PATTERN } from '../../../main/core/secrets/token';
import { PrivateSessionBus } from './private-session-bus';

const child = join(__dirname, '..', '..', '..', 'build', 'test', 'fixtures', 'state', 'keyring-child.js');

interface ChildReply {
  ok: boolean;
  tokens?: { adminToken: string; browserAuthToken: string };
  error?: { code: string; message: string; hint: string };
  status: { backend: string; insecure: boolean; detail: string; error: unknown };
}

function runChild(stateRoot: string, accept: boolean, env: NodeJS.ProcessEnv): Promise<ChildReply> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [child, stateRoot, accept ? '1' : '0'],
      { env, timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`keyring-child failed: ${err.message} ${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildReply);
      },
    );
  });
}

function secretToolLookup(env: NodeJS.ProcessEnv, account: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'secret-tool',
      ['lookup', 'service', 'palyra-companion', 'username', account],
      { env },
      (err, stdout) => (err ? reject(err) : resolve(stdout.trim())),
    );
  });
}

function allFileContents(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out += readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

describe('SecretStore against a real keychain and without one', () => {
  let dir: string;
  let stateRoot: string;
  let bus: PrivateSessionBus;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'companion-secrets-'));
    stateRoot = join(dir, 'state');
    bus = new PrivateSessionBus(join(dir, 'bus'));
  });
  afterEach(async () => {
    await bus.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores 52-char tokens in gnome-keyring, reuses them, and never writes them to state', async () => {
    await bus.start();
    await bus.startKeyring();
    const first = await runChild(stateRoot, false, bus.env());
    expect(first.ok).toBe(true);
    expect(first.status).toMatchObject({ backend: 'os-keychain', insecure: false, error: null });
    expect(first.tokens!.adminToken).toMatch(TOKEN_PATTERN);
    expect(first.tokens!.browserAuthToken).toMatch(TOKEN_PATTERN);
    expect(first.tokens!.adminToken).not.toBe(first.tokens!.browserAuthToken);

    // An independent client sees the same items under our service/account names.
    expect(await secretToolLookup(bus.env(), 'admin_token')).toBe(first.tokens!.adminToken);
    expect(await secretToolLookup(bus.env(), 'browser_auth_token')).toBe(first.tokens!.browserAuthToken);

    const second = await runChild(stateRoot, false, bus.env());
    expect(second.tokens).toEqual(first.tokens);

    const written = allFileContents(stateRoot);
    expect(written).toContain('schema_version');
    expect(written).not.toContain(first.tokens!.adminToken);
    expect(written).not.toContain(first.tokens!.browserAuthToken);
  });

  it('reports a bus without a Secret Service as unavailable, with an actionable hint', async () => {
    await bus.start();
    const reply = await runChild(stateRoot, false, bus.env());
    expect(reply.ok).toBe(false);
    expect(reply.error!.code).toBe('keychain_unavailable');
    expect(reply.error!.hint).toMatch(/insecure file store/);
    expect(reply.status.backend).toBe('unavailable');
    expect(readdirSync(join(stateRoot, 'companion'))).not.toContain('secrets.insecure.json');
  });

  it('without a bus: refuses until accepted, then uses a 0600 file; moves into the keychain once it exists', async () => {
    const noBus = {
      ...process.env,
      HOME: join(dir, 'nohome'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'missing.sock')}`,
    };
    const refused = await runChild(stateRoot, false, noBus);
    expect(refused.ok).toBe(false);
    expect(refused.error!.message).toMatch(/D-Bus session bus/);
    expect(refused.status).toMatchObject({ backend: 'unavailable', insecure: false });

    const unsetBus: NodeJS.ProcessEnv = { ...noBus };
    delete unsetBus.DBUS_SESSION_BUS_ADDRESS;
    expect((await runChild(stateRoot, false, unsetBus)).error!.code).toBe('keychain_unavailable');

    const accepted = await runChild(stateRoot, true, noBus);
    expect(accepted.ok).toBe(true);
    expect(accepted.status).toMatchObject({ backend: 'insecure-file', insecure: true, error: null });
    const file = join(stateRoot, 'companion', 'secrets.insecure.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.admin_token).toBe(accepted.tokens!.adminToken);
    expect(readFileSync(join(stateRoot, 'companion', 'state.json'), 'utf8')).not.toContain(
      accepted.tokens!.adminToken,
    );

    // Same tokens on the next start.
    expect((await runChild(stateRoot, true, noBus)).tokens).toEqual(accepted.tokens);

    // A keychain appears: the tokens move into it and the plaintext file is deleted.
    await bus.start();
    await bus.startKeyring();
    const moved = await runChild(stateRoot, true, bus.env());
    expect(moved.status.backend).toBe('os-keychain');
    expect(moved.tokens).toEqual(accepted.tokens);
    expect(readdirSync(join(stateRoot, 'companion'))).not.toContain('secrets.insecure.json');
  });
});
