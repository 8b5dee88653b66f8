// Text ⇄ CompanionState. Decoding never throws: it salvages every section that still parses and
// lists what it had to drop, so the store can move the damaged file aside and keep the rest.
import type { z } from 'zod';
import { MAX_VOICE_AUDIT } from '../../contract/voice';
import { parseJsonPrefix } from './json-prefix';
import { extractLegacySecrets, isPalyraLayout, runMigrations } from './migrations';
import {
  CURRENT_SCHEMA_VERSION,
  MAX_DRAFTS,
  MAX_NOTIFICATIONS,
  defaultState,
  draftSchema,
  keepNewest,
  notificationSchema,
  sectionSchemas,
  voiceAuditSchema,
  type CompanionState,
} from './schema';

export interface DecodedState {
  state: CompanionState;
  /** Human-readable reasons the file was not fully usable; empty when it was clean. */
  problems: string[];
  /** Migration steps applied (the file is rewritten in the current format). */
  migrated: string[];
  /** The file was written by a newer companion than this one. */
  newerVersion: number | null;
  legacySecrets: { adminToken?: string; browserAuthToken?: string };
  /**
   * When the file was damaged: every setting that could not be read and is now its default
   * (`rollout.release_channel`, `insecureSecretStoreAccepted`, …), and lists cut short.
   */
  reset: string[];
}

function salvageList<T>(value: unknown, schema: z.ZodType<T>, label: string, problems: string[]): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${label} was not a list and was reset`);
    return [];
  }
  const kept: T[] = [];
  let dropped = 0;
  for (const item of value) {
    const parsed = schema.safeParse(item);
    if (parsed.success) kept.push(parsed.data);
    else dropped += 1;
  }
  if (dropped > 0)
    problems.push(`${dropped} unreadable ${label} entr${dropped === 1 ? 'y was' : 'ies were'} dropped`);
  return kept;
}

/** Settings one by one, as the warning names them; lists are named as a whole. */
function settingPaths(): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(defaultState())) {
    if (key === 'schema_version' || Array.isArray(value)) continue;
    if (value !== null && typeof value === 'object')
      for (const sub of Object.keys(value)) paths.push(`${key}.${sub}`);
    else paths.push(key);
  }
  return paths;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What a damaged file lost: settings absent from what was salvaged, lists that were cut. */
function unreadSettings(raw: Record<string, unknown>, cutPath: (string | number)[]): string[] {
  const reset = settingPaths().filter((path) => {
    const [key, sub] = path.split('.') as [string, string | undefined];
    const section = raw[key];
    if (sub === undefined) return section === undefined;
    return !isPlainObject(section) || section[sub] === undefined;
  });
  for (const list of ['notifications', 'drafts']) {
    if (raw[list] === undefined) reset.push(list);
    else if (cutPath[0] === list && Array.isArray(raw[list]))
      reset.push(`${list} after the first ${raw[list].length}`);
  }
  return reset;
}

export function decodeState(text: string): DecodedState {
  const state = defaultState();
  const problems: string[] = [];
  let parsed: unknown;
  let damaged: { cutPath: (string | number)[] } | null = null;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const prefix = parseJsonPrefix(text);
    problems.push(
      `the file is not valid JSON (${(err as Error).message}); what came before byte ${prefix.stoppedAt} was read`,
    );
    parsed = prefix.value;
    damaged = { cutPath: prefix.cutPath };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    if (!damaged) problems.push('the file does not contain a JSON object');
    return {
      state,
      problems,
      migrated: [],
      newerVersion: null,
      legacySecrets: {},
      reset: settingPaths(),
    };
  }
  const original = parsed as Record<string, unknown>;
  // A cut file may have lost its version stamp; our own layout is still recognisable, and must not
  // be mistaken for Palyra's (a v0 migration would drop every setting it has).
  if (damaged && original.schema_version === undefined && !isPalyraLayout(original))
    original.schema_version = CURRENT_SCHEMA_VERSION;
  const legacySecrets = extractLegacySecrets(original);
  const { raw, applied } = runMigrations(original);
  const version = raw.schema_version as number;
  const newerVersion = version > CURRENT_SCHEMA_VERSION ? version : null;
  if (newerVersion !== null) {
    problems.push(
      `the file was written by a newer companion (schema ${newerVersion}); only known fields were kept`,
    );
  }

  for (const key of Object.keys(sectionSchemas) as (keyof typeof sectionSchemas)[]) {
    if (raw[key] === undefined) continue;
    const result = sectionSchemas[key].safeParse(raw[key]);
    if (result.success) {
      (state as unknown as Record<string, unknown>)[key] = result.data;
    } else {
      problems.push(`section "${key}" was invalid and was reset to its default`);
    }
  }
  state.notifications = keepNewest(
    salvageList(raw.notifications, notificationSchema, 'notification', problems),
    MAX_NOTIFICATIONS,
  );
  state.drafts = keepNewest(salvageList(raw.drafts, draftSchema, 'offline draft', problems), MAX_DRAFTS);
  // The voice section's settings fall back one by one (its schema), but its audit log is a list like
  // the ones above: entries that do not parse are dropped and said, so the damaged file is kept aside.
  const rawVoice = raw.voice;
  if (isPlainObject(rawVoice) && rawVoice.auditLog !== undefined) {
    state.voice.auditLog = keepNewest(
      salvageList(rawVoice.auditLog, voiceAuditSchema, 'voice audit', problems),
      MAX_VOICE_AUDIT,
    );
  }
  const reset = damaged ? unreadSettings(raw, damaged.cutPath) : [];
  return { state, problems, migrated: applied, newerVersion, legacySecrets, reset };
}

export function encodeState(state: CompanionState): string {
  return `${JSON.stringify({ ...state, schema_version: CURRENT_SCHEMA_VERSION }, null, 2)}\n`;
}
