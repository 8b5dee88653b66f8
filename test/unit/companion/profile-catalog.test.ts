// Palyra's CLI connection profiles: the strict TOML subset reader and the catalog's derived
// defaults (profile_registry.rs), and how a broken file is reported.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfileCatalog } from '../../../main/core/companion/profile-catalog';
import { parseTomlSubset } from '../../../main/core/companion/profile-toml';

const LOCAL = 'http://127.0.0.1:7142';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profiles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeProfiles(text: string): void {
  mkdirSync(join(dir, 'cli'), { recursive: true });
  writeFileSync(join(dir, 'cli', 'profiles.toml'), text);
}

const load = (env: NodeJS.ProcessEnv = {}) =>
  loadProfileCatalog({ stateRoot: dir, env, localDaemonUrl: LOCAL });

describe('parseTomlSubset', () => {
  it('reads top-level keys, [profiles.<name>] tables (bare and quoted), strings, integers, booleans, comments', () => {
    const doc = parseTomlSubset(
      [
        '# written by palyra profile create',
        'version = 1',
        'default_profile = "lab"',
        '',
        '[profiles.lab]',
        'daemon_url = "http://10.0.0.5:7142" # tunnel',
        "label = 'Lab \\ box'",
        'strict_mode = false',
        'last_used_at_unix_ms = 1_700_000_000_000',
        '[profiles."prod.eu"]',
        'label = "Prod \\"EU\\" \\u00e9"',
        'strict_mode = true',
      ].join('\n'),
    );
    expect(doc).toEqual({
      version: 1,
      default_profile: 'lab',
      profiles: {
        lab: {
          daemon_url: 'http://10.0.0.5:7142',
          label: 'Lab \\ box',
          strict_mode: false,
          last_used_at_unix_ms: 1_700_000_000_000,
        },
        'prod.eu': { label: 'Prod "EU" é', strict_mode: true },
      },
    });
  });

  it.each([
    ['a key defined twice', 'a = 1\na = 2', /line 2: key 'a' is defined twice/],
    ['an unterminated string', 'a = "x', /line 1: unterminated string/],
    ['a float', 'a = 1.5', /line 1: unsupported value '1.5'/],
    ['an array', 'a = [1]', /line 1: unsupported value/],
    ['a dotted key', 'profiles.x.label = "y"', /dotted key/],
    ['an array of tables', '[[profiles]]', /arrays of tables/],
    ['trailing garbage', 'a = "x" y', /unexpected 'y'/],
    ['a multi-line string', 'a = """x', /multi-line strings/],
  ])('rejects %s with its line number', (_what, text, message) => {
    expect(() => parseTomlSubset(text)).toThrow(message);
  });
});

describe('loadProfileCatalog', () => {
  it('without a file, has only the implicit desktop-local profile', () => {
    expect(load()).toEqual({
      path: null,
      defaultProfile: null,
      profiles: [
        expect.objectContaining({
          name: 'desktop-local',
          label: 'Desktop local',
          mode: 'local',
          implicit: true,
        }),
      ],
    });
  });

  it('derives mode, environment, risk and colour as Palyra does, and keeps explicit values', () => {
    writeProfiles(
      [
        'version = 1',
        'default_profile = "tunnel"',
        '[profiles.tunnel]',
        'daemon_url = "http://gateway.example:7142"',
        'admin_token_env = "LAB_TOKEN"',
        '[profiles.prod]',
        'daemon_url = "https://prod.example"',
        'strict_mode = true',
        '[profiles.dev]',
        'daemon_url = "http://127.0.0.1:9142"',
        'state_root = "/srv/palyra-dev"',
        '[profiles.custom]',
        'label = "Custom"',
        'risk_level = "medium"',
      ].join('\n'),
    );
    const catalog = load();
    expect(catalog.defaultProfile).toBe('tunnel');
    const by = Object.fromEntries(catalog.profiles.map((p) => [p.name, p]));
    expect(by.tunnel).toMatchObject({
      mode: 'remote',
      environment: 'production',
      riskLevel: 'elevated',
      color: 'amber',
      adminTokenEnv: 'LAB_TOKEN',
    });
    expect(by.prod).toMatchObject({ mode: 'remote', strictMode: true, riskLevel: 'high', color: 'red' });
    expect(by.dev).toMatchObject({
      mode: 'local',
      environment: 'local',
      riskLevel: 'low',
      color: 'emerald',
      stateRoot: '/srv/palyra-dev',
      daemonUrl: 'http://127.0.0.1:9142',
    });
    expect(by.custom).toMatchObject({
      label: 'Custom',
      mode: 'local',
      riskLevel: 'medium',
      color: 'amber',
      daemonUrl: LOCAL,
    });
    expect(by['desktop-local']).toMatchObject({ implicit: true });
  });

  it('honours PALYRA_CLI_PROFILES_PATH (blank: no catalog)', () => {
    const other = join(dir, 'elsewhere.toml');
    writeFileSync(other, '[profiles.x]\nmode = "remote"\ndaemon_url = "http://h:1"\n');
    expect(load({ PALYRA_CLI_PROFILES_PATH: other }).profiles.map((p) => p.name)).toEqual([
      'desktop-local',
      'x',
    ]);
    writeProfiles('[profiles.y]\n');
    expect(load({ PALYRA_CLI_PROFILES_PATH: '  ' }).profiles.map((p) => p.name)).toEqual(['desktop-local']);
  });

  it.each([
    ['an unknown key', '[profiles.a]\ncolour = "red"', /profiles\.a/],
    ['a wrong schema version', 'version = 2', /version/],
    ['a non-http daemon_url', '[profiles.a]\ndaemon_url = "ftp://h"', /daemon_url/],
    ['a relative state_root', '[profiles.a]\nstate_root = "rel/dir"', /relative state_root/],
    ['broken TOML', '[profiles.a\n', /line 1/],
  ])('reports %s as one actionable error naming the file', (_what, text, message) => {
    writeProfiles(text);
    let error: unknown;
    try {
      load();
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({
      code: 'profiles_invalid',
      message,
      hint: expect.stringContaining('profiles.toml'),
    });
  });
});
