// The voice section of state.json: Palyra's defaults, kept across restarts, and a damaged section
// salvaged field by field and entry by entry like the other sections (the file is kept aside).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VOICE, MAX_VOICE_AUDIT, type VoiceAuditEntry } from '../../../main/contract/voice';
import { StateStore } from '../../../main/core/state/state-store';

const entry = (id: string, over: Partial<VoiceAuditEntry> = {}): VoiceAuditEntry => ({
  id,
  kind: 'capture_started',
  detail: `entry ${id}`,
  createdAtMs: 10,
  sessionId: null,
  remoteProcessing: false,
  ttsPlayback: false,
  inputDeviceLabel: 'USB mic',
  outputVoiceLabel: null,
  ...over,
});

describe('state.json voice section', () => {
  let root: string;
  let file: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'companion-voice-state-'));
    file = join(root, 'companion', 'state.json');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const writeRaw = (value: unknown) => {
    mkdirSync(join(root, 'companion'), { recursive: true });
    writeFileSync(file, JSON.stringify(value));
  };
  const asideFiles = () =>
    readdirSync(join(root, 'companion')).filter((f) => f.startsWith('state.json.corrupt-'));

  it("starts with Palyra's defaults: no consent, default devices, silence stop off at 1.8 s", async () => {
    const store = await StateStore.open({ stateRoot: root });
    expect(store.state.voice).toEqual({
      captureConsentAtMs: null,
      ttsConsentAtMs: null,
      inputDeviceId: null,
      inputDeviceLabel: null,
      voiceUri: null,
      voiceLabel: null,
      ttsMuted: false,
      silenceDetectionEnabled: false,
      silenceTimeoutMs: 1_800,
      auditLog: [],
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).voice).toEqual(DEFAULT_VOICE);
  });

  it('keeps consent, choices and the audit log across a reopen', async () => {
    const store = await StateStore.open({ stateRoot: root });
    const voice = {
      captureConsentAtMs: 111,
      ttsConsentAtMs: 222,
      inputDeviceId: 'mic-2',
      inputDeviceLabel: 'USB mic',
      voiceUri: 'urn:voice:en',
      voiceLabel: 'English (en-GB)',
      ttsMuted: true,
      silenceDetectionEnabled: true,
      silenceTimeoutMs: 2_500,
      auditLog: [entry('a'), entry('b', { remoteProcessing: true, sessionId: 's-1' })],
    };
    await store.update((s) => ({ ...s, voice }));
    const reopened = await StateStore.open({ stateRoot: root });
    expect(reopened.state.voice).toEqual(voice);
    expect(reopened.warnings).toEqual([]);
  });

  it('salvages a damaged voice section: bad fields fall back, bad audit entries are dropped and said', async () => {
    writeRaw({
      schema_version: 1,
      activeSessionId: 'keep-me',
      voice: {
        captureConsentAtMs: 'yesterday',
        ttsConsentAtMs: 333,
        inputDeviceId: 'mic-2',
        inputDeviceLabel: 42,
        ttsMuted: 'yes',
        silenceDetectionEnabled: true,
        silenceTimeoutMs: 5,
        auditLog: [entry('ok-1'), { id: 'x', kind: 'exploded' }, 'junk', entry('ok-2')],
        unknownField: true,
      },
    });
    const store = await StateStore.open({ stateRoot: root, now: () => 777 });
    expect(store.state.activeSessionId).toBe('keep-me');
    expect(store.state.voice).toEqual({
      ...DEFAULT_VOICE,
      // A consent that cannot be read is no consent: the operator is asked again.
      captureConsentAtMs: null,
      ttsConsentAtMs: 333,
      inputDeviceId: 'mic-2',
      inputDeviceLabel: null,
      silenceDetectionEnabled: true,
      auditLog: [entry('ok-1'), entry('ok-2')],
    });
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(/2 unreadable voice audit entries were dropped/);
    expect(asideFiles()).toEqual(['state.json.corrupt-777']);
    expect(JSON.parse(readFileSync(file, 'utf8')).voice.auditLog).toHaveLength(2);
  });

  it('resets a voice section that is not an object, and an audit log that is not a list', async () => {
    writeRaw({ schema_version: 1, voice: 'broken' });
    const store = await StateStore.open({ stateRoot: root, now: () => 1 });
    expect(store.state.voice).toEqual(DEFAULT_VOICE);
    expect(store.warnings[0]).toMatch(/section "voice" was invalid/);

    rmSync(join(root, 'companion'), { recursive: true });
    writeRaw({ schema_version: 1, voice: { ttsMuted: true, auditLog: { not: 'a list' } } });
    const again = await StateStore.open({ stateRoot: root, now: () => 2 });
    expect(again.state.voice).toEqual({ ...DEFAULT_VOICE, ttsMuted: true });
    expect(again.warnings[0]).toMatch(/voice audit was not a list and was reset/);
  });

  it('keeps detail codes and values; an entry with an unknown code keeps its stored text only', async () => {
    const coded = entry('c', { detailCode: 'capture_stopped', detailParams: { seconds: 2.5, bytes: 10 } });
    writeRaw({
      schema_version: 1,
      voice: {
        auditLog: [
          entry('old'),
          coded,
          // A newer companion's code, or values that cannot be read: the entry stays, said by its text.
          { ...entry('newer'), detailCode: 'from_the_future', detailParams: { seconds: 1 } },
          { ...entry('odd'), detailCode: 'tts_started', detailParams: 'not values' },
        ],
      },
    });
    const store = await StateStore.open({ stateRoot: root });
    const log = store.state.voice.auditLog;
    expect(log.map((e) => e.id)).toEqual(['old', 'c', 'newer', 'odd']);
    expect(log[0]).toEqual(entry('old'));
    expect(log[1]).toEqual(coded);
    expect(log[2]?.detailCode).toBeUndefined();
    expect(log[2]?.detailParams).toEqual({ seconds: 1 });
    expect(log[3]).toMatchObject({ detailCode: 'tts_started', detail: 'entry odd' });
    expect(log[3]?.detailParams).toBeUndefined();
    expect(store.warnings).toEqual([]);
  });

  it('keeps the newest 40 audit entries of an overlong log', async () => {
    writeRaw({
      schema_version: 1,
      voice: { auditLog: Array.from({ length: 50 }, (_, i) => entry(`e${i}`)) },
    });
    const store = await StateStore.open({ stateRoot: root });
    expect(store.state.voice.auditLog).toHaveLength(MAX_VOICE_AUDIT);
    expect(store.state.voice.auditLog[0]?.id).toBe('e10');
    expect(store.state.voice.auditLog.at(-1)?.id).toBe('e49');
  });
});
