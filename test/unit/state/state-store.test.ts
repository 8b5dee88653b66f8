import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../main/core/state/state-store';
import { DEFAULT_PREFERENCES, DEFAULT_ROLLOUT } from '../../../main/core/state/schema';
import { runMigrations, type Migration } from '../../../main/core/state/migrations';

const legacyFixture = join(__dirname, '..', '..', 'fixtures', 'state', 'palyra-legacy-v0.json');

describe('StateStore', () => {
  let root: string;
  let file: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'companion-state-'));
    file = join(root, 'companion', 'state.json');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writeRaw(text: string): void {
    mkdirSync(join(root, 'companion'), { recursive: true });
    writeFileSync(file, text);
  }
  const asideFiles = () =>
    readdirSync(join(root, 'companion')).filter((f) => f.startsWith('state.json.corrupt-'));

  it('creates a default file with Palyra rollout defaults and our preferences, mode 0600', async () => {
    const store = await StateStore.open({ stateRoot: root });
    expect(store.state.rollout).toEqual(DEFAULT_ROLLOUT);
    expect(store.state.rollout.voice_capture_enabled).toBe(false);
    expect(store.state.rollout.release_channel).toBe('preview');
    expect(store.state.preferences).toEqual({
      globalHotkey: 'CommandOrControl+Shift+Space',
      globalHotkeyEnabled: true,
      startAtLogin: false,
      theme: 'system',
      language: 'system',
      logFilesEnabled: false,
    });
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.schema_version).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.warnings).toEqual([]);
  });

  it('persists updates across reopen and skips writes when nothing changed', async () => {
    const store = await StateStore.open({ stateRoot: root });
    await store.update((s) => ({ ...s, activeSessionId: 'sess-1' }));
    const before = statSync(file).mtimeMs;
    const inodeBefore = statSync(file).ino;
    // Same content, new object: the bytes are equal, so no write (the inode would change on rename).
    await store.update((s) => ({ ...s, activeSessionId: 'sess-1' }));
    expect(statSync(file).ino).toBe(inodeBefore);
    expect(statSync(file).mtimeMs).toBe(before);
    const reopened = await StateStore.open({ stateRoot: root });
    expect(reopened.state.activeSessionId).toBe('sess-1');
    expect(statSync(file).ino).toBe(inodeBefore); // a clean load does not rewrite
  });

  it('serializes concurrent updates; the last state wins on disk', async () => {
    const store = await StateStore.open({ stateRoot: root });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.update((s) => ({ ...s, activeSessionId: `s-${i}` }))),
    );
    expect(JSON.parse(readFileSync(file, 'utf8')).activeSessionId).toBe('s-49');
    expect(readdirSync(join(root, 'companion')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('copies a truncated file aside with a warning, keeping what precedes the cut', async () => {
    writeRaw('{"schema_version":1,"activeSessionId":"abc","prefer');
    const store = await StateStore.open({ stateRoot: root, now: () => 1234 });
    expect(store.state.activeSessionId).toBe('abc');
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toContain('not valid JSON');
    expect(store.warnings[0]).toContain('state.json.corrupt-1234');
    expect(readFileSync(join(root, 'companion', 'state.json.corrupt-1234'), 'utf8')).toContain('"prefer');
    expect(JSON.parse(readFileSync(file, 'utf8')).schema_version).toBe(1);
  });

  it('salvages valid sections and entries of a file with a wrong schema', async () => {
    writeRaw(
      JSON.stringify({
        schema_version: 1,
        activeSessionId: 'keep-me',
        preferences: { globalHotkey: 'Alt+K', theme: 'purple', startAtLogin: true },
        rollout: { offline_drafts_enabled: 'yes', tts_playback_enabled: true },
        onboarding: 'not an object',
        notifications: [
          { id: 'n1', kind: 'run', title: 't', detail: 'd', createdAtMs: 1, read: true },
          { id: 'n2', kind: 'bogus' },
        ],
        drafts: { nope: true },
      }),
    );
    const store = await StateStore.open({ stateRoot: root });
    expect(store.state.activeSessionId).toBe('keep-me');
    expect(store.state.preferences).toEqual({
      ...DEFAULT_PREFERENCES,
      globalHotkey: 'Alt+K',
      startAtLogin: true,
    });
    expect(store.state.rollout).toEqual({ ...DEFAULT_ROLLOUT, tts_playback_enabled: true });
    expect(store.state.onboarding.welcomeAcknowledgedAtMs).toBeNull();
    expect(store.state.notifications.map((n) => n.id)).toEqual(['n1']);
    expect(store.state.drafts).toEqual([]);
    expect(asideFiles()).toHaveLength(1);
    expect(store.warnings[0]).toMatch(/onboarding.*reset/);
    expect(store.warnings[0]).toMatch(/1 unreadable notification entry was dropped/);
  });

  it('migrates a Palyra-style v0 file, keeps no tokens in state.json and hands them over once', async () => {
    mkdirSync(join(root, 'companion'), { recursive: true });
    copyFileSync(legacyFixture, file);
    const store = await StateStore.open({ stateRoot: root, now: () => 99 });
    const s = store.state;
    expect(s.onboarding).toEqual({
      welcomeAcknowledgedAtMs: 1714000000000,
      stateRootConfirmedAtMs: 1714000005000,
      completedAtMs: null,
      openaiSkippedAtMs: null,
      discordSkippedAtMs: null,
      dashboardHandoffAtMs: null,
    });
    expect(s.runtimeStateRoot).toBe('/srv/palyra-runtime');
    expect(s.activeSessionId).toBe('01HQ4Z3G8S1N0V2C4T9W7M5SES');
    expect(s.preferences).toEqual({
      ...DEFAULT_PREFERENCES,
      globalHotkey: 'Alt+Space',
      globalHotkeyEnabled: false,
      startAtLogin: true,
    });
    expect(s.rollout).toEqual({
      ...DEFAULT_ROLLOUT,
      desktop_notifications_enabled: false,
      voice_capture_enabled: true,
      release_channel: 'stable',
    });
    expect(s.drafts).toEqual([
      {
        draftId: '01HQ4Z3G8S1N0V2C4T9W7M5D01',
        sessionId: '01HQ4Z3G8S1N0V2C4T9W7M5SES',
        text: 'summarize the build log',
        reason: 'gateway unreachable',
        createdAtMs: 1714000020000,
        attempts: 0,
        lastError: null,
        sendingSinceMs: null,
      },
    ]);
    // The malformed legacy notification is dropped, the good one kept.
    expect(s.notifications.map((n) => n.id)).toEqual(['01HQ4Z3G8S1N0V2C4T9W7M5N01']);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).schema_version).toBe(1);
    expect(text).not.toContain('01HZZZZZZZZZZZZZ');
    expect(text).not.toContain('01HYYYYYYYYYYYYY');
    expect(store.takeLegacySecrets()).toEqual({
      adminToken: '01HZZZZZZZZZZZZZZZZZZZZZZZ01HZZZZZZZZZZZZZZZZZZZZZZZ',
      browserAuthToken: '01HYYYYYYYYYYYYYYYYYYYYYYY01HYYYYYYYYYYYYYYYYYYYYYYY',
    });
    expect(store.takeLegacySecrets()).toEqual({});
    for (const f of readdirSync(join(root, 'companion'))) {
      expect(readFileSync(join(root, 'companion', f), 'utf8')).not.toContain('01HZZZZZZZZZZZZZ');
    }
  });

  it('runs migrations in order and stops at a gap', () => {
    const steps: Migration[] = [
      { from: 2, describe: 'two', migrate: (r) => ({ ...r, two: true }) },
      { from: 1, describe: 'one', migrate: (r) => ({ ...r, one: true }) },
      { from: 4, describe: 'four', migrate: (r) => ({ ...r, four: true }) },
    ];
    const out = runMigrations({ schema_version: 1 }, steps, 5);
    expect(out.applied).toEqual(['one', 'two']);
    expect(out.raw).toEqual({ schema_version: 3, one: true, two: true });
  });

  it('reports an unwritable directory as an actionable error and keeps the change in memory', async () => {
    const store = await StateStore.open({ stateRoot: root });
    rmSync(join(root, 'companion'), { recursive: true, force: true });
    writeFileSync(join(root, 'companion'), 'a file where the directory should be');
    await expect(store.update((s) => ({ ...s, activeSessionId: 'x' }))).rejects.toMatchObject({
      code: 'state_write_failed',
    });
    expect(store.state.activeSessionId).toBe('x');
  });
});
