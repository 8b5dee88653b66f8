// The active profile and what follows from it: resolution order (persisted → catalog default →
// desktop-local), a local profile's runtime root and ports, a remote profile's admin token.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRuntime } from '../../../main/core/companion/profile-runtime';
import { DEFAULT_PALYRA_PORTS } from '../../../main/core/supervisor';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-runtime-'));
  mkdirSync(join(dir, 'cli'));
  writeFileSync(
    join(dir, 'cli', 'profiles.toml'),
    [
      'default_profile = "lab"',
      '[profiles.lab]',
      'daemon_url = "http://127.0.0.1:9142"',
      '[profiles.tunnel]',
      'mode = "remote"',
      'daemon_url = "http://127.0.0.1:17142"',
      'admin_token_env = "TUNNEL_TOKEN"',
      '[profiles.inline]',
      'daemon_url = "https://gw.example"',
      'admin_token = "inline-token"',
    ].join('\n'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runtime = (env: NodeJS.ProcessEnv = {}) =>
  new ProfileRuntime({
    stateRoot: dir,
    env,
    implicitRuntimeRoot: join(dir, 'runtime'),
    ports: DEFAULT_PALYRA_PORTS,
  });
const keychain = async () => 'local-admin-token';

describe('ProfileRuntime', () => {
  it('starts on the catalog default, with its own runtime root and HTTP port', async () => {
    const r = runtime();
    expect(r.active.name).toBe('lab');
    expect(r.isLocal).toBe(true);
    expect(r.runtimeRoot).toBe(join(dir, 'profiles', 'lab', 'state'));
    expect(r.ports).toEqual({ ...DEFAULT_PALYRA_PORTS, gatewayHttp: 9142 });
    expect(await r.adminToken(keychain)).toBe('local-admin-token');
  });

  it('remembers the activated profile across restarts', async () => {
    const r = runtime();
    await r.activate(r.resolve('desktop-local'));
    const again = runtime();
    expect(again.active.name).toBe('desktop-local');
    expect(again.runtimeRoot).toBe(join(dir, 'runtime'));
    expect(again.daemonUrl).toBe('http://127.0.0.1:7142');
    expect(again.view().profiles.find((p) => p.active)?.name).toBe('desktop-local');
  });

  it('takes a remote profile’s admin token from its variable or the file, never the keychain', async () => {
    const r = runtime({ TUNNEL_TOKEN: ' from-env ' });
    await r.activate(r.resolve('tunnel'));
    expect(r.isLocal).toBe(false);
    expect(await r.adminToken(keychain)).toBe('from-env');
    await r.activate(r.resolve('inline'));
    expect(await r.adminToken(keychain)).toBe('inline-token');
    const missing = runtime();
    await missing.activate(missing.resolve('tunnel'));
    await expect(missing.adminToken(keychain)).rejects.toMatchObject({
      code: 'remote_token_missing',
      hint: expect.stringContaining('TUNNEL_TOKEN'),
    });
  });

  it('names the profiles there are when asked for an unknown one, and keeps working on a broken file', () => {
    expect(() => runtime().resolve('nope')).toThrow(/no connection profile named 'nope'/);
    writeFileSync(join(dir, 'cli', 'profiles.toml'), '[profiles.a]\ncolour = "red"\n');
    const broken = runtime();
    expect(broken.active.name).toBe('desktop-local');
    expect(broken.view().error).toMatchObject({ code: 'profiles_invalid' });
  });
});
