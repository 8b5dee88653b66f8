// state.json cut short (or overwritten with garbage) at every offset: every setting written
// before the damage is kept (the insecure-store acceptance included), and the warning names
// exactly the settings that were reset, and the lists that lost entries.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultState, type CompanionState } from '../../../main/core/state/schema';
import { encodeState } from '../../../main/core/state/state-codec';
import { StateStore } from '../../../main/core/state/state-store';

const root = mkdtempSync(join(tmpdir(), 'companion-damaged-'));
const file = join(root, 'companion', 'state.json');
mkdirSync(join(root, 'companion'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every setting differs from its default, so a silent reset cannot pass for "kept". */
const original: CompanionState = {
  ...defaultState(),
  onboarding: {
    welcomeAcknowledgedAtMs: 1_700_000_000_001,
    stateRootConfirmedAtMs: 1_700_000_000_002,
    completedAtMs: 1_700_000_000_003,
    openaiSkippedAtMs: 1_700_000_000_004,
    discordSkippedAtMs: null,
    dashboardHandoffAtMs: 1_700_000_000_005,
  },
  rollout: {
    companion_shell_enabled: false,
    ambient_companion_enabled: false,
    desktop_notifications_enabled: false,
    offline_drafts_enabled: false,
    voice_capture_enabled: true,
    voice_overlay_enabled: false,
    voice_silence_detection_enabled: true,
    tts_playback_enabled: true,
    release_channel: 'nightly',
  },
  preferences: {
    globalHotkey: 'Alt+P',
    globalHotkeyEnabled: false,
    startAtLogin: true,
    theme: 'dark',
    language: 'cs',
    logFilesEnabled: true,
  },
  runtimeStateRoot: '/srv/palyra-runtime',
  insecureSecretStoreAccepted: true,
  activeSessionId: 'session-7',
  notifications: [1, 2, 3].map((n) => ({
    id: `n${n}`,
    kind: 'crash' as const,
    title: `gateway crashed ${n}`,
    detail: 'exit 1',
    createdAtMs: 1_700_000_000_100 + n,
    read: n === 1,
  })),
  drafts: [1, 2].map((n) => ({
    draftId: `d${n}`,
    sessionId: 'session-7',
    text: `hello ${n}`,
    reason: 'offline',
    createdAtMs: 1_700_000_000_200 + n,
    attempts: n,
    lastError: null,
    sendingSinceMs: null,
  })),
};
const text = encodeState(original);

/** Each setting with the offset where its value ends in the file. */
function settingEnds(): { path: string; end: number; value: unknown }[] {
  const out: { path: string; end: number; value: unknown }[] = [];
  const lineEnd = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return text[nl - 1] === ',' ? nl - 1 : nl;
  };
  for (const [key, value] of Object.entries(original)) {
    if (key === 'schema_version' || Array.isArray(value)) continue;
    const at = text.indexOf(`\n  "${key}": `);
    if (value !== null && typeof value === 'object') {
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const subAt = text.indexOf(`\n    "${sub}": `, at);
        out.push({ path: `${key}.${sub}`, end: lineEnd(subAt + 1), value: subValue });
      }
    } else out.push({ path: key, end: lineEnd(at + 1), value });
  }
  return out;
}

function valueAt(state: CompanionState, path: string): unknown {
  const [key, sub] = path.split('.') as [keyof CompanionState, string | undefined];
  const section = state[key];
  return sub === undefined ? section : (section as unknown as Record<string, unknown>)[sub];
}

function resetNames(warnings: readonly string[]): string[] {
  const warning = warnings.find((w) => w.startsWith('The companion state file was damaged'));
  if (!warning) return [];
  const m = /Reset to defaults: (.*?); every other setting was kept\./.exec(warning);
  return m ? m[1]!.split(', ') : [];
}

async function checkDamageAt(damaged: string, cut: number): Promise<void> {
  writeFileSync(file, damaged);
  const store = await StateStore.open({ stateRoot: root });
  const reset = resetNames(store.warnings);
  const where = `damage at byte ${cut} of ${text.length}: ${JSON.stringify(store.warnings)}`;
  for (const setting of settingEnds()) {
    const kept = JSON.stringify(valueAt(store.state, setting.path)) === JSON.stringify(setting.value);
    if (setting.end < cut) {
      expect(kept, `${setting.path} was readable, ${where}`).toBe(true);
      expect(reset, `${setting.path} named as reset, ${where}`).not.toContain(setting.path);
    } else if (!kept) {
      expect(reset, `${setting.path} reset silently, ${where}`).toContain(setting.path);
    }
  }
  for (const list of ['notifications', 'drafts'] as const) {
    const kept = store.state[list];
    expect(kept, `${list} ${where}`).toEqual(original[list].slice(0, kept.length));
    if (kept.length < original[list].length)
      expect(
        reset.some((r) => r.startsWith(list)),
        `${list} lost entries silently, ${where}`,
      ).toBe(true);
  }
  if (store.warnings.length > 0 && damaged !== text)
    expect(store.warnings.join(' ')).not.toContain('everything readable was kept');
}

describe('a damaged state.json', () => {
  it('keeps every setting written before the file was cut, at every third offset', async () => {
    for (let cut = 1; cut < text.length; cut += 3) await checkDamageAt(text.slice(0, cut), cut);
  }, 120_000);

  it('keeps every setting before a stretch of garbage in the middle', async () => {
    for (let at = 5; at < text.length - 8; at += 37) {
      await checkDamageAt(`${text.slice(0, at)}\u0000#!garb${text.slice(at + 8)}`, at);
    }
  });

  it('a cut that keeps the insecure-store acceptance keeps the sidecars startable', async () => {
    const cut = text.indexOf('"activeSessionId"');
    writeFileSync(file, text.slice(0, cut));
    const store = await StateStore.open({ stateRoot: root });
    expect(store.state.insecureSecretStoreAccepted).toBe(true);
    expect(store.state.rollout.release_channel).toBe('nightly');
    // Exactly what the file held after the cut: the active session, the voice section, notifications, drafts.
    expect(resetNames(store.warnings)).toEqual([
      'activeSessionId',
      ...[
        'captureConsentAtMs',
        'ttsConsentAtMs',
        'inputDeviceId',
        'inputDeviceLabel',
        'voiceUri',
        'voiceLabel',
        'ttsMuted',
        'silenceDetectionEnabled',
        'silenceTimeoutMs',
        'auditLog',
      ].map((field) => `voice.${field}`),
      'notifications',
      'drafts',
    ]);
  });
});
