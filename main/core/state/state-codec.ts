// Text ⇄ CompanionState. Decoding never throws: it salvages every section that still parses and
// lists what it had to drop, so the store can move the damaged file aside and keep the rest.
import type { z } from 'zod';
import { extractLegacySecrets, runMigrations } from './migrations';
import {
  CURRENT_SCHEMA_VERSION,
  MAX_DRAFTS,
  MAX_NOTIFICATIONS,
  defaultState,
  draftSchema,
  keepNewest,
  notificationSchema,
  sectionSchemas,
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

export function decodeState(text: string): DecodedState {
  const state = defaultState();
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    problems.push(`the file is not valid JSON (${(err as Error).message})`);
    return { state, problems, migrated: [], newerVersion: null, legacySecrets: {} };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push('the file does not contain a JSON object');
    return { state, problems, migrated: [], newerVersion: null, legacySecrets: {} };
  }
  const original = parsed as Record<string, unknown>;
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
  return { state, problems, migrated: applied, newerVersion, legacySecrets };
}

export function encodeState(state: CompanionState): string {
  return `${JSON.stringify({ ...state, schema_version: CURRENT_SCHEMA_VERSION }, null, 2)}\n`;
}
